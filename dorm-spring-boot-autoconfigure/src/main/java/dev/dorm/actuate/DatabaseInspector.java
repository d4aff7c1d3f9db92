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

package dev.dorm.actuate;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Arrays;
import java.util.Properties;

import dev.dorm.DatabaseName;
import dev.dorm.migration.FlywayDatabaseInitializer;
import dev.dorm.registry.DatabaseFiles;
import dev.dorm.registry.TenantDatabaseRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.sqlite.JDBC;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

import org.springframework.core.log.LogMessage;

/**
 * Reads the state of database files without opening them through the registry, so that
 * inspecting thousands of databases neither migrates them nor takes slots among the open
 * databases.
 * <p>
 * The migration stamp of a database is its {@code PRAGMA user_version}, a 4-byte
 * big-endian integer at offset 60 of the file's 100-byte header (see "Database File
 * Format" at sqlite.org), so it is read from the file alone. A write-ahead log that is
 * not empty may hold a newer header than the file, so for such a file the stamp is read
 * through a read-only SQLite connection instead. A read-only connection can leave empty
 * {@code -wal} and {@code -shm} files beside a closed database, which the next writer
 * removes when it closes.
 */
final class DatabaseInspector {

	private static final Log logger = LogFactory.getLog(DatabaseInspector.class);

	private static final byte[] HEADER_MAGIC = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

	private static final int USER_VERSION_OFFSET = 60;

	private static final int HEADER_PREFIX_LENGTH = USER_VERSION_OFFSET + 4;

	/**
	 * SQLite's {@code SQLITE_OPEN_NOFOLLOW}: reject a path that is a symbolic link, as
	 * the registry's own connections do.
	 */
	private static final int OPEN_NOFOLLOW = 0x01000000;

	private static final int BUSY_TIMEOUT_MILLIS = 1000;

	private final TenantDatabaseRegistry registry;

	private final @Nullable FlywayDatabaseInitializer migrations;

	DatabaseInspector(TenantDatabaseRegistry registry, @Nullable FlywayDatabaseInitializer migrations) {
		this.registry = registry;
		this.migrations = migrations;
	}

	/**
	 * Return the Flyway initializer whose stamps and versions are compared.
	 * @return the initializer, or {@code null} if the databases are not migrated by
	 * Flyway
	 */
	@Nullable FlywayDatabaseInitializer migrations() {
		return this.migrations;
	}

	/**
	 * Return whether a database is at the current schema of its kind. An open database is
	 * current because the registry migrates each database when it opens it.
	 * @param name the database
	 * @return whether it is current, or {@code null} if its stamp cannot be read or the
	 * databases are not migrated by Flyway
	 */
	@Nullable Boolean isCurrent(DatabaseName name) {
		if (this.migrations == null) {
			return null;
		}
		if (this.registry.isOpen(name)) {
			return true;
		}
		Integer stamp = userVersion(name);
		return (stamp != null) ? stamp == this.migrations.stamp(name.kind()) : null;
	}

	/**
	 * Read the version of a database from Flyway's history table through a read-only
	 * connection.
	 * @param name the database
	 * @return the version, or {@code null} if it has none or it cannot be read
	 */
	@Nullable String readVersion(DatabaseName name) {
		FlywayDatabaseInitializer migrations = this.migrations;
		if (migrations == null) {
			return null;
		}
		try (Connection connection = openReadOnly(this.registry.files().file(name))) {
			return migrations.currentVersion(name, connection);
		}
		catch (SQLException ex) {
			logger.debug(LogMessage.format("Failed to read the version of database '%s'", name), ex);
			return null;
		}
	}

	/**
	 * Return when a database file or its write-ahead log was last modified.
	 * @param name the database
	 * @return the time, or {@code null} if the file does not exist
	 */
	@Nullable Instant lastModified(DatabaseName name) {
		Path file = this.registry.files().file(name);
		FileTime database = modifiedTime(file);
		if (database == null) {
			return null;
		}
		FileTime log = modifiedTime(writeAheadLog(file));
		return ((log != null && log.compareTo(database) > 0) ? log : database).toInstant();
	}

	private @Nullable Integer userVersion(DatabaseName name) {
		Path file = this.registry.files().file(name);
		if (sizeOf(writeAheadLog(file)) == 0) {
			return readHeaderUserVersion(file);
		}
		try (Connection connection = openReadOnly(file);
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("PRAGMA user_version")) {
			return result.next() ? result.getInt(1) : null;
		}
		catch (SQLException ex) {
			logger.debug(LogMessage.format("Failed to read the user version of database '%s'", name), ex);
			return null;
		}
	}

	/**
	 * Read {@code PRAGMA user_version} from the header of a database file.
	 * @param file the database file
	 * @return the user version, or {@code null} if the file is missing, shorter than the
	 * header or not an SQLite database
	 */
	static @Nullable Integer readHeaderUserVersion(Path file) {
		try (SeekableByteChannel channel = Files.newByteChannel(file, StandardOpenOption.READ,
				LinkOption.NOFOLLOW_LINKS)) {
			ByteBuffer header = ByteBuffer.allocate(HEADER_PREFIX_LENGTH);
			while (header.hasRemaining() && channel.read(header) >= 0) {
				// A file channel returns fewer bytes than requested only at the end
			}
			if (header.hasRemaining()) {
				return null;
			}
			byte[] magic = Arrays.copyOf(header.array(), HEADER_MAGIC.length);
			return Arrays.equals(magic, HEADER_MAGIC) ? header.getInt(USER_VERSION_OFFSET) : null;
		}
		catch (IOException ex) {
			return null;
		}
	}

	private static Connection openReadOnly(Path file) throws SQLException {
		SQLiteConfig config = new SQLiteConfig();
		config.setReadOnly(true);
		config.resetOpenMode(SQLiteOpenMode.CREATE);
		config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
		Properties properties = config.toProperties();
		properties.setProperty(SQLiteConfig.Pragma.OPEN_MODE.pragmaName,
				Integer.toString(config.getOpenModeFlags() | OPEN_NOFOLLOW));
		return JDBC.createConnection(JDBC.PREFIX + file, properties);
	}

	private static Path writeAheadLog(Path file) {
		return DatabaseFiles.companions(file).get(0);
	}

	private static long sizeOf(Path file) {
		try {
			return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) ? Files.size(file) : 0;
		}
		catch (IOException ex) {
			return 0;
		}
	}

	private static @Nullable FileTime modifiedTime(Path file) {
		try {
			return Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS);
		}
		catch (IOException ex) {
			return null;
		}
	}

}
