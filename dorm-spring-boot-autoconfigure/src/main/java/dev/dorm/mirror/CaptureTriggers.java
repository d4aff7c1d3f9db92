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
import java.util.ArrayList;
import java.util.List;

/**
 * Installs the triggers that record every change of the mirrored tables in the outbox.
 * <p>
 * The triggers are {@code TEMP} triggers of the writer connection: they exist only on the
 * connection dorm-spring writes through, cost nothing elsewhere, and are created again
 * from the current schema each time the writer opens, so they follow the tenant's
 * migrations. Their {@code WHEN} clause calls {@value #CAPTURE_FUNCTION}, a function of
 * that connection that returns whether the current write is mirrored. Its argument is the
 * number of outbox rows the trigger writes, two for an update that changes the key and
 * one otherwise, which write counts subtract.
 */
final class CaptureTriggers {

	/**
	 * Name of the capture function. Its {@code _dorm_} prefix, like that of the triggers
	 * and tables of mirroring, makes the SQL endpoint reject a write that calls it.
	 */
	static final String CAPTURE_FUNCTION = "_dorm_mirror_capture";

	static final String TRIGGER_PREFIX = "_dorm_mirror_";

	/**
	 * Columns per {@code json_object} call, below SQLite's default limit of 127 function
	 * arguments.
	 */
	private static final int COLUMNS_PER_OBJECT = 60;

	private static final String NOW = "CAST(unixepoch('subsec') * 1000 AS INTEGER)";

	private CaptureTriggers() {
	}

	/**
	 * Create the triggers for every mirrored table, replacing existing ones.
	 * @param connection the writer connection
	 * @param settings which tables to mirror
	 * @return the number of mirrored tables
	 * @throws SQLException if reading the schema or creating a trigger fails
	 */
	static int install(Connection connection, MirrorSettings settings) throws SQLException {
		drop(connection);
		List<String> tables = mirroredTables(connection, settings);
		try (Statement statement = connection.createStatement()) {
			for (int i = 0; i < tables.size(); i++) {
				TableShape shape = TableShape.read(connection, tables.get(i));
				for (String sql : triggers(i, shape)) {
					statement.execute(sql);
				}
			}
		}
		return tables.size();
	}

	/**
	 * Drop every capture trigger of the connection.
	 * @param connection the writer connection
	 * @throws SQLException if a trigger cannot be dropped
	 */
	static void drop(Connection connection) throws SQLException {
		List<String> names = new ArrayList<>();
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT name FROM temp.sqlite_schema WHERE type = 'trigger'"
						+ " AND name LIKE '\\_dorm\\_mirror\\_%' ESCAPE '\\'")) {
			while (result.next()) {
				names.add(result.getString(1));
			}
		}
		try (Statement statement = connection.createStatement()) {
			for (String name : names) {
				statement.execute("DROP TRIGGER IF EXISTS temp." + SqlNames.identifier(name));
			}
		}
	}

	private static List<String> mirroredTables(Connection connection, MirrorSettings settings) throws SQLException {
		List<String> tables = new ArrayList<>();
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT name FROM pragma_table_list WHERE schema = 'main'"
						+ " AND type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
						+ " AND name NOT LIKE '\\_dorm\\_%' ESCAPE '\\' ORDER BY name")) {
			while (result.next()) {
				String name = result.getString(1);
				if (settings.includes(name)) {
					tables.add(name);
				}
			}
		}
		return tables;
	}

	static List<String> triggers(int index, TableShape shape) {
		String table = "main." + SqlNames.identifier(shape.name());
		String tableLiteral = SqlNames.literal(shape.name());
		String when = " WHEN " + CAPTURE_FUNCTION + "(1) BEGIN ";
		String whenUpdated = " WHEN " + CAPTURE_FUNCTION + "(CASE WHEN " + keyUnchanged(shape)
				+ " THEN 1 ELSE 2 END) BEGIN ";
		String insertInto = "INSERT INTO " + Outbox.TABLE + " (table_name, operation, row_key, row_data, created_at) ";
		String upsertNew = insertInto + "VALUES (" + tableLiteral + ", 'upsert', " + keyObject(shape, "NEW") + ", "
				+ rowObject(shape, "NEW") + ", " + NOW + ");";
		String deleteOld = insertInto + "VALUES (" + tableLiteral + ", 'delete', " + keyObject(shape, "OLD")
				+ ", NULL, " + NOW + ");";
		String deleteOldIfKeyChanged = insertInto + "SELECT " + tableLiteral + ", 'delete', " + keyObject(shape, "OLD")
				+ ", NULL, " + NOW + " WHERE NOT (" + keyUnchanged(shape) + ");";
		return List.of(createTrigger(index, "insert") + " AFTER INSERT ON " + table + when + upsertNew + " END",
				createTrigger(index, "update") + " AFTER UPDATE ON " + table + whenUpdated + deleteOldIfKeyChanged + " "
						+ upsertNew + " END",
				createTrigger(index, "delete") + " AFTER DELETE ON " + table + when + deleteOld + " END");
	}

	private static String createTrigger(int index, String event) {
		return "CREATE TEMP TRIGGER " + SqlNames.identifier(TRIGGER_PREFIX + index + "_" + event);
	}

	private static String keyObject(TableShape shape, String row) {
		if (shape.keyColumns().isEmpty()) {
			return "json_object('" + TableShape.ROWID_KEY + "', " + row + ".rowid)";
		}
		return jsonObject(shape.keyColumns(), row);
	}

	private static String rowObject(TableShape shape, String row) {
		return jsonObject(shape.columns(), row);
	}

	private static String jsonObject(List<String> columns, String row) {
		List<String> parts = new ArrayList<>();
		for (int start = 0; start < columns.size(); start += COLUMNS_PER_OBJECT) {
			List<String> chunk = columns.subList(start, Math.min(columns.size(), start + COLUMNS_PER_OBJECT));
			StringBuilder object = new StringBuilder("json_object(");
			for (int i = 0; i < chunk.size(); i++) {
				String column = chunk.get(i);
				String value = row + "." + SqlNames.identifier(column);
				object.append((i > 0) ? ", " : "")
					.append(SqlNames.literal(column))
					.append(", iif(typeof(")
					.append(value)
					.append(") = 'blob', json_array('blob', hex(")
					.append(value)
					.append(")), ")
					.append(value)
					.append(')');
			}
			parts.add(object.append(')').toString());
		}
		String json = parts.get(0);
		for (int i = 1; i < parts.size(); i++) {
			json = "json_patch(" + json + ", " + parts.get(i) + ")";
		}
		return json;
	}

	private static String keyUnchanged(TableShape shape) {
		if (shape.keyColumns().isEmpty()) {
			return "OLD.rowid IS NEW.rowid";
		}
		List<String> comparisons = new ArrayList<>();
		for (String column : shape.keyColumns()) {
			String identifier = SqlNames.identifier(column);
			comparisons.add("OLD." + identifier + " IS NEW." + identifier);
		}
		return String.join(" AND ", comparisons);
	}

}
