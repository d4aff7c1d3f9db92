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

package dev.dorm.benchmarks;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConfig.JournalMode;
import org.sqlite.SQLiteConfig.SynchronousMode;

/**
 * Opens plain sqlite-jdbc connections, the baseline the benchmarks compare dorm-spring
 * with.
 */
final class RawSqlite {

	private RawSqlite() {
	}

	/**
	 * Open a connection with the pragmas that matter for speed set as dorm-spring sets
	 * them by default: {@code journal_mode=WAL}, {@code synchronous=NORMAL},
	 * {@code foreign_keys=ON} and a 5 second {@code busy_timeout}. The file is created if
	 * it does not exist.
	 * @param file the database file
	 * @return the connection
	 * @throws SQLException if SQLite cannot open the file
	 */
	static Connection open(Path file) throws SQLException {
		SQLiteConfig config = new SQLiteConfig();
		config.setJournalMode(JournalMode.WAL);
		config.setSynchronous(SynchronousMode.NORMAL);
		config.enforceForeignKeys(true);
		config.setBusyTimeout(5000);
		return config.createConnection("jdbc:sqlite:" + file);
	}

}
