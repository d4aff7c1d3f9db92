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
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * The columns, declared types and primary key of one tenant table, as
 * {@code pragma_table_info} reports them.
 *
 * @param name the table name
 * @param columns the column names in table order
 * @param types the declared type of each column, empty where none is declared
 * @param keyColumns the primary key columns in key order, empty for a table keyed by its
 * rowid
 */
record TableShape(String name, List<String> columns, List<String> types, List<String> keyColumns) {

	/**
	 * Key of a table without a declared primary key, in the outbox and the mirror.
	 */
	static final String ROWID_KEY = "dorm_rowid";

	static TableShape read(Connection connection, String table) throws SQLException {
		List<String> columns = new ArrayList<>();
		List<String> types = new ArrayList<>();
		Map<Integer, String> keys = new TreeMap<>();
		try (PreparedStatement statement = connection
			.prepareStatement("SELECT name, type, pk FROM pragma_table_info(?) ORDER BY cid")) {
			statement.setString(1, table);
			try (ResultSet result = statement.executeQuery()) {
				while (result.next()) {
					columns.add(result.getString(1));
					types.add(result.getString(2));
					if (result.getInt(3) > 0) {
						keys.put(result.getInt(3), result.getString(1));
					}
				}
			}
		}
		return new TableShape(table, List.copyOf(columns), List.copyOf(types), List.copyOf(keys.values()));
	}

	/**
	 * Build the shape from the rows of
	 * {@code SELECT name, type, pk FROM pragma_table_info(?) ORDER BY cid}.
	 * @param table the table name
	 * @param rows the rows
	 * @return the shape
	 */
	static TableShape of(String table, List<List<@Nullable Object>> rows) {
		List<String> columns = new ArrayList<>();
		List<String> types = new ArrayList<>();
		Map<Integer, String> keys = new TreeMap<>();
		for (List<@Nullable Object> row : rows) {
			String column = String.valueOf(row.get(0));
			columns.add(column);
			types.add((row.get(1) != null) ? row.get(1).toString() : "");
			int pk = ((Number) row.get(2)).intValue();
			if (pk > 0) {
				keys.put(pk, column);
			}
		}
		return new TableShape(table, List.copyOf(columns), List.copyOf(types), List.copyOf(keys.values()));
	}

	/**
	 * Return the declared type of a column.
	 * @param column the column
	 * @return the declared type, or an empty string if unknown
	 */
	String typeOf(String column) {
		for (int i = 0; i < this.columns.size(); i++) {
			if (this.columns.get(i).equalsIgnoreCase(column)) {
				return this.types.get(i);
			}
		}
		return "";
	}

}
