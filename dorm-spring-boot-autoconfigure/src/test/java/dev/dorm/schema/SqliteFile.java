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

package dev.dorm.schema;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A real SQLite database file for tests, with helpers that run statements and read the
 * schema back through SQLite's pragma table-valued functions.
 */
final class SqliteFile implements AutoCloseable {

	private final Connection connection;

	SqliteFile(Path file) throws SQLException {
		this.connection = DriverManager.getConnection("jdbc:sqlite:" + file);
		execute("PRAGMA foreign_keys = ON");
	}

	/**
	 * Run each statement, as a migration would.
	 * @param statements the statements
	 * @throws SQLException if SQLite rejects one
	 */
	void executeAll(List<String> statements) throws SQLException {
		for (String statement : statements) {
			execute(statement);
		}
	}

	void execute(String sql, Object... params) throws SQLException {
		try (PreparedStatement statement = this.connection.prepareStatement(sql)) {
			for (int i = 0; i < params.length; i++) {
				statement.setObject(i + 1, params[i]);
			}
			statement.execute();
		}
	}

	List<Map<String, Object>> query(String sql, Object... params) throws SQLException {
		try (PreparedStatement statement = this.connection.prepareStatement(sql)) {
			for (int i = 0; i < params.length; i++) {
				statement.setObject(i + 1, params[i]);
			}
			try (ResultSet result = statement.executeQuery()) {
				List<Map<String, Object>> rows = new ArrayList<>();
				int columns = result.getMetaData().getColumnCount();
				while (result.next()) {
					Map<String, Object> row = new LinkedHashMap<>();
					for (int i = 1; i <= columns; i++) {
						row.put(result.getMetaData().getColumnLabel(i), result.getObject(i));
					}
					rows.add(row);
				}
				return rows;
			}
		}
	}

	/**
	 * Return the rows of {@code pragma_table_info}: name, type, notnull, dflt_value and
	 * pk of each column, in column order.
	 */
	List<Map<String, Object>> tableInfo(String table) throws SQLException {
		return query("SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info(?) ORDER BY cid", table);
	}

	List<String> columnNames(String table) throws SQLException {
		List<String> names = new ArrayList<>();
		for (Map<String, Object> column : tableInfo(table)) {
			names.add((String) column.get("name"));
		}
		return names;
	}

	Map<String, Object> column(String table, String name) throws SQLException {
		for (Map<String, Object> column : tableInfo(table)) {
			if (column.get("name").equals(name)) {
				return column;
			}
		}
		throw new IllegalArgumentException("No column " + name + " in " + table);
	}

	/**
	 * Return the rows of {@code pragma_index_list}: name, unique and origin of each index
	 * of a table, sorted by name.
	 */
	List<Map<String, Object>> indexList(String table) throws SQLException {
		return query("SELECT name, \"unique\", origin FROM pragma_index_list(?) ORDER BY name", table);
	}

	/**
	 * Return the indexed column names of an index from {@code pragma_index_info}, in
	 * index order.
	 */
	List<String> indexColumns(String index) throws SQLException {
		List<String> names = new ArrayList<>();
		for (Map<String, Object> row : query("SELECT name FROM pragma_index_info(?) ORDER BY seqno", index)) {
			names.add((String) row.get("name"));
		}
		return names;
	}

	/**
	 * Return the rows of {@code pragma_foreign_key_list}: table, from, to, on_update and
	 * on_delete of each foreign key of a table, sorted by the referencing column.
	 */
	List<Map<String, Object>> foreignKeys(String table) throws SQLException {
		return query("SELECT \"table\", \"from\", \"to\", on_update, on_delete FROM pragma_foreign_key_list(?) "
				+ "ORDER BY \"from\"", table);
	}

	/**
	 * Insert one row that sets a single column and return the stored value as SQLite
	 * holds it.
	 */
	Object insertAndRead(String table, String column, Object value) throws SQLException {
		execute("INSERT INTO " + quote(table) + " (" + quote(column) + ") VALUES (?)", value);
		List<Map<String, Object>> rows = query(
				"SELECT " + quote(column) + " AS value FROM " + quote(table) + " WHERE rowid = last_insert_rowid()");
		return rows.get(0).get("value");
	}

	static String quote(String name) {
		return "\"" + name.replace("\"", "\"\"") + "\"";
	}

	@Override
	public void close() throws SQLException {
		this.connection.close();
	}

}
