/*
 * Copyright 2026-present the original author or authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

package dev.dorm;

import java.sql.SQLException;

/**
 * Extracts SQLite's own message from the text of sqlite-jdbc's exceptions.
 *
 * @since 0.1.0
 */
public final class SqliteMessages {

	private SqliteMessages() {
	}

	/**
	 * Return SQLite's message for the given exception. sqlite-jdbc formats messages as
	 * {@code [SQLITE_ERROR] SQL error or missing database (no such table: t)}, where the
	 * text in the last parentheses comes from SQLite and the rest from the driver.
	 * @param ex the driver's exception
	 * @return SQLite's message, or the whole exception message if it has another form
	 */
	public static String message(SQLException ex) {
		String message = ex.getMessage();
		if (message == null) {
			return ex.getClass().getSimpleName();
		}
		if (message.startsWith("[") && message.endsWith(")")) {
			int open = message.indexOf(" (");
			if (open > 0) {
				return message.substring(open + 2, message.length() - 1);
			}
		}
		return message;
	}

}
