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

package dev.dorm.registry;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConfig.JournalMode;
import org.sqlite.SQLiteConfig.SynchronousMode;
import org.sqlite.SQLiteConfig.TransactionMode;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteLimits;
import org.sqlite.SQLiteOpenMode;
import org.sqlite.JDBC;

/**
 * Opens SQLite connections with the settings every tenant connection gets: WAL,
 * {@code busy_timeout}, {@code foreign_keys=ON}, the configured {@code synchronous},
 * {@code BEGIN IMMEDIATE} for write transactions, no attached databases, no symbolic
 * links, and a maximum page count that caps the file size.
 */
final class SqliteConnectionFactory {

	/**
	 * Smallest accepted size cap: a few pages, enough for an empty schema.
	 */
	static final long MIN_MAX_SIZE = 64 * 1024;

	/**
	 * {@code SQLITE_OPEN_NOFOLLOW}: refuse to open a path that is a symbolic link. The
	 * driver's {@link SQLiteOpenMode} has no constant for it.
	 */
	private static final int OPEN_NOFOLLOW = 0x01000000;

	private final RegistrySettings settings;

	SqliteConnectionFactory(RegistrySettings settings) {
		this.settings = settings;
	}

	/**
	 * Open the read-write connection of a database.
	 * @param file the database file
	 * @param kind the kind of the database, which selects its size cap
	 * @param create whether to create the file if it does not exist
	 * @return the connection
	 * @throws SQLException if SQLite cannot open the file
	 */
	Connection openWriter(Path file, String kind, boolean create) throws SQLException {
		SQLiteConfig config = baseConfig();
		config.setJournalMode(JournalMode.WAL);
		config.setJournalSizeLimit((int) Math.min(Integer.MAX_VALUE, this.settings.getJournalSizeLimit()));
		if (!create) {
			config.resetOpenMode(SQLiteOpenMode.CREATE);
		}
		return open(file, config, kind);
	}

	/**
	 * Open a read-only connection of a database whose writer is open.
	 * @param file the database file
	 * @param kind the kind of the database
	 * @return the connection
	 * @throws SQLException if SQLite cannot open the file
	 */
	Connection openReader(Path file, String kind) throws SQLException {
		SQLiteConfig config = baseConfig();
		config.setReadOnly(true);
		config.resetOpenMode(SQLiteOpenMode.CREATE);
		return open(file, config, kind);
	}

	private SQLiteConfig baseConfig() {
		SQLiteConfig config = new SQLiteConfig();
		config.setSynchronous(SynchronousMode.valueOf(this.settings.getSynchronous().name()));
		config.setBusyTimeout((int) Math.min(Integer.MAX_VALUE, this.settings.getBusyTimeout().toMillis()));
		config.enforceForeignKeys(true);
		config.setTransactionMode(TransactionMode.IMMEDIATE);
		config.enableLoadExtension(false);
		return config;
	}

	private Connection open(Path file, SQLiteConfig config, String kind) throws SQLException {
		Properties properties = config.toProperties();
		properties.setProperty(SQLiteConfig.Pragma.OPEN_MODE.pragmaName,
				Integer.toString(config.getOpenModeFlags() | OPEN_NOFOLLOW));
		Connection connection = JDBC.createConnection(JDBC.PREFIX + file, properties);
		try {
			((SQLiteConnection) connection).setLimit(SQLiteLimits.SQLITE_LIMIT_ATTACHED, 0);
			((SQLiteConnection) connection).setLimit(SQLiteLimits.SQLITE_LIMIT_LENGTH,
					(int) this.settings.getMaxValueSize());
			capSize(connection, this.settings.maxSizeOf(kind));
			return connection;
		}
		catch (SQLException | RuntimeException ex) {
			connection.close();
			throw ex;
		}
	}

	private static void capSize(Connection connection, long maxSize) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			long pageSize;
			try (ResultSet result = statement.executeQuery("PRAGMA page_size")) {
				result.next();
				pageSize = result.getLong(1);
			}
			statement.execute("PRAGMA max_page_count = " + Math.max(1, maxSize / pageSize));
		}
	}

}
