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

package dev.dorm.mirror;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Names and SQL of the outbox tables that mirroring keeps in each tenant database.
 * <p>
 * {@value #TABLE} contains one row per changed row, written by triggers in the same
 * transaction as the change and removed once the change is applied to the mirror:
 * {@code id} orders the changes as they were committed, {@code operation} is
 * {@code upsert} or {@code delete}, {@code row_key} is a JSON object of the primary key
 * columns, {@code row_data} a JSON object of all columns (null for a delete), and
 * {@code created_at} the statement time in milliseconds since the epoch. Values are JSON
 * numbers, strings and nulls; a BLOB is written as {@code ["blob", "<hex>"]}.
 * {@value #PARKED_TABLE} keeps changes that failed too often, with their error.
 */
final class Outbox {

	static final String TABLE = "_dorm_outbox";

	static final String PARKED_TABLE = "_dorm_outbox_parked";

	static final String CREATE_TABLE = "CREATE TABLE IF NOT EXISTS " + TABLE
			+ " (id INTEGER PRIMARY KEY AUTOINCREMENT, table_name TEXT NOT NULL, operation TEXT NOT NULL,"
			+ " row_key TEXT NOT NULL, row_data TEXT, created_at INTEGER NOT NULL)";

	static final String CREATE_PARKED_TABLE = "CREATE TABLE IF NOT EXISTS " + PARKED_TABLE
			+ " (id INTEGER PRIMARY KEY, table_name TEXT NOT NULL, operation TEXT NOT NULL, row_key TEXT NOT NULL,"
			+ " row_data TEXT, created_at INTEGER NOT NULL, attempts INTEGER NOT NULL, error TEXT NOT NULL,"
			+ " parked_at INTEGER NOT NULL)";

	static final String SELECT_BATCH = "SELECT id, table_name, operation, row_key, row_data, created_at FROM " + TABLE
			+ " ORDER BY id LIMIT ?";

	static final String DELETE_UP_TO = "DELETE FROM " + TABLE + " WHERE id <= ?";

	static final String PARK = "INSERT INTO " + PARKED_TABLE
			+ " (id, table_name, operation, row_key, row_data, created_at, attempts, error, parked_at)"
			+ " SELECT id, table_name, operation, row_key, row_data, created_at, ?, ?, ? FROM " + TABLE
			+ " WHERE id = ?";

	static final String DELETE_ONE = "DELETE FROM " + TABLE + " WHERE id = ?";

	static final String COUNT_PARKED = "SELECT count(*) FROM " + PARKED_TABLE;

	private static final String COUNT_TABLES = "SELECT count(*) FROM main.sqlite_schema WHERE type = 'table'"
			+ " AND name IN ('" + TABLE + "', '" + PARKED_TABLE + "')";

	private Outbox() {
	}

	/**
	 * Create the outbox tables of a database that lacks them, both in one transaction.
	 * Databases copied from a template of a mirrored kind already have them, and then
	 * this only reads the schema.
	 * @param connection a writer connection in auto-commit mode
	 * @throws SQLException if the tables cannot be read or created
	 */
	static void createIfMissing(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			try (ResultSet result = statement.executeQuery(COUNT_TABLES)) {
				if (result.next() && result.getInt(1) == 2) {
					return;
				}
			}
			connection.setAutoCommit(false);
			try {
				statement.execute(CREATE_TABLE);
				statement.execute(CREATE_PARKED_TABLE);
				connection.commit();
			}
			catch (SQLException ex) {
				connection.rollback();
				throw ex;
			}
			finally {
				connection.setAutoCommit(true);
			}
		}
	}

}
