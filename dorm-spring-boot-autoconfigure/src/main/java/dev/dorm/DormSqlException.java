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

import org.jspecify.annotations.Nullable;

/**
 * Thrown when SQLite rejects a statement. It carries the database name, the SQL, and
 * SQLite's own message and result code.
 *
 * @since 0.1.0
 */
public class DormSqlException extends DormException {

	private final @Nullable String sql;

	private final String sqliteMessage;

	private final int resultCode;

	/**
	 * Create a new exception from the driver's exception.
	 * @param databaseName the name of the database the statement ran on
	 * @param sql the SQL that failed, or {@code null} if the failure was not caused by a
	 * single statement
	 * @param cause the exception thrown by the SQLite driver
	 */
	public DormSqlException(String databaseName, @Nullable String sql, SQLException cause) {
		this(databaseName, sql, SqliteMessages.message(cause), cause.getErrorCode(), cause);
	}

	/**
	 * Create a new exception.
	 * @param databaseName the name of the database the statement ran on
	 * @param sql the SQL that failed, or {@code null} if unknown
	 * @param sqliteMessage the message SQLite gave
	 * @param resultCode SQLite's result code, or 0 if unknown
	 * @param cause the cause, or {@code null} if none
	 */
	public DormSqlException(String databaseName, @Nullable String sql, String sqliteMessage, int resultCode,
			@Nullable Throwable cause) {
		super(databaseName, "SQL failed on database '" + databaseName + "': " + sqliteMessage, cause);
		this.sql = sql;
		this.sqliteMessage = sqliteMessage;
		this.resultCode = resultCode;
	}

	/**
	 * Return the SQL that failed.
	 * @return the SQL, or {@code null} if unknown
	 */
	public @Nullable String getSql() {
		return this.sql;
	}

	/**
	 * Return SQLite's message, such as {@code no such table: todos}.
	 * @return the message
	 */
	public String getSqliteMessage() {
		return this.sqliteMessage;
	}

	/**
	 * Return SQLite's primary or extended result code, such as 19 for
	 * {@code SQLITE_CONSTRAINT}.
	 * @return the result code, or 0 if unknown
	 */
	public int getResultCode() {
		return this.resultCode;
	}

}
