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

import java.sql.Connection;
import java.sql.SQLException;

import dev.dorm.DatabaseName;

/**
 * Callback for components that prepare the writer connection of each database, such as
 * mirroring, which installs its change capture there. The registry calls it on the thread
 * that opens, uses or closes the writer, while no other caller holds it.
 *
 * @since 0.1.0
 */
public interface WriterConnectionListener {

	/**
	 * Called once the writer of a database is open and migrated, before any caller uses
	 * it. A failure fails the open.
	 * @param name the database
	 * @param writer its writer connection
	 * @throws SQLException if preparing the connection fails
	 */
	void writerOpened(DatabaseName name, Connection writer) throws SQLException;

	/**
	 * Called on the template of a kind once it is migrated, before new databases of the
	 * kind are copied from it. Tables created here exist in every such database before
	 * its writer opens, which saves a write on each first use. A failure leaves the kind
	 * without a template: its new databases are then migrated one by one.
	 * @param kind the kind of the template
	 * @param connection a writer connection to the template
	 * @throws SQLException if preparing the template fails
	 */
	default void templateMigrated(String kind, Connection connection) throws SQLException {
	}

	/**
	 * Called before {@code exec} runs a statement that creates, alters or drops a schema
	 * object on the writer.
	 * @param name the database
	 * @param writer its writer connection
	 * @throws SQLException if preparing fails
	 */
	default void beforeSchemaChange(DatabaseName name, Connection writer) throws SQLException {
	}

	/**
	 * Called after {@code exec} ran a statement that creates, alters or drops a schema
	 * object on the writer, whether the statement succeeded or not.
	 * @param name the database
	 * @param writer its writer connection
	 * @throws SQLException if updating fails
	 */
	default void afterSchemaChange(DatabaseName name, Connection writer) throws SQLException {
	}

	/**
	 * Called before the writer of a database is closed.
	 * @param name the database
	 * @param writer its writer connection
	 */
	default void writerClosing(DatabaseName name, Connection writer) {
	}

}
