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
import java.sql.SQLException;

import dev.dorm.DatabaseName;
import dev.dorm.MigrationFailedException;

/**
 * Brings a database to the current schema of its kind when the registry opens it. The
 * registry calls {@link #isCurrent} on every open without a lock, and the other methods
 * while it holds the database's lock, so they run once per database at a time across this
 * process and others that share the data directory.
 *
 * @since 0.1.0
 */
public interface DatabaseInitializer {

	/**
	 * An initializer that leaves every database as it is.
	 */
	DatabaseInitializer NONE = new DatabaseInitializer() {

		@Override
		public boolean isCurrent(DatabaseName name, Connection connection) {
			return true;
		}

		@Override
		public void initialize(DatabaseName name, Connection connection) {
		}

	};

	/**
	 * Check cheaply whether a database is at the current schema of its kind. Called on
	 * every open, so it must cost well under a millisecond.
	 * @param name the database
	 * @param connection its writer connection
	 * @return whether it needs no initialization
	 * @throws SQLException if the check fails
	 */
	boolean isCurrent(DatabaseName name, Connection connection) throws SQLException;

	/**
	 * Bring a database to the current schema of its kind. The database is left unchanged
	 * by a failed step.
	 * @param name the database
	 * @param connection its writer connection
	 * @throws MigrationFailedException if a migration fails
	 */
	void initialize(DatabaseName name, Connection connection);

	/**
	 * Create the file of a new database, for example as a copy of a template that is
	 * already at the current schema. The file must appear atomically: complete or not at
	 * all.
	 * @param name the database
	 * @param file the file to create
	 * @param connector opens connections with the registry's settings, for building a
	 * template
	 * @return whether the file was created; {@code false} lets the registry create an
	 * empty database
	 */
	default boolean create(DatabaseName name, Path file, Connector connector) {
		return false;
	}

	/**
	 * Opens a read-write connection to a file, creating it, with the settings of the
	 * registry's connections.
	 */
	@FunctionalInterface
	interface Connector {

		/**
		 * Open a connection.
		 * @param file the database file
		 * @return the connection
		 * @throws SQLException if SQLite cannot open the file
		 */
		Connection open(Path file) throws SQLException;

		/**
		 * Finish a template once it is migrated, before databases are copied from it.
		 * @param kind the kind of the template
		 * @param connection the connection that {@link #open(Path)} returned
		 * @throws SQLException if finishing the template fails
		 */
		default void templateMigrated(String kind, Connection connection) throws SQLException {
		}

	}

}
