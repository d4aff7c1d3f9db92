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

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import dev.dorm.DatabaseName;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Applies changes to a JDBC database, SQLite or PostgreSQL.
 * <p>
 * Each mirrored table has a table of the same name in the target, with a first column
 * {@value #TENANT_COLUMN} that contains the tenant's database name, the tenant table's
 * columns after it, and a primary key made of {@value #TENANT_COLUMN} and the tenant
 * table's primary key ({@value TableShape#ROWID_KEY} for a table keyed by its rowid), so
 * rows with equal keys from two tenants never collide. The table is created when its
 * first change arrives, and a column is added when a change brings one the table lacks,
 * so the target's schema grows with the tenants' migrations; columns dropped or renamed
 * in a tenant stay in the target. Every column except the key is nullable.
 */
final class JdbcMirrorTarget implements MirrorTarget {

	static final String TENANT_COLUMN = "dorm_tenant";

	private static final JsonMapper json = JsonMapper.builder().build();

	private final DataSource dataSource;

	private final String description;

	private final Map<String, Map<String, String>> tables = new ConcurrentHashMap<>();

	private volatile @Nullable Dialect dialect;

	JdbcMirrorTarget(DataSource dataSource, String description) {
		this.dataSource = dataSource;
		this.description = description;
	}

	@Override
	public String describe() {
		return this.description;
	}

	@Override
	public boolean isAvailable() {
		try (Connection connection = this.dataSource.getConnection()) {
			return connection.isValid(5);
		}
		catch (SQLException | RuntimeException ex) {
			return false;
		}
	}

	@Override
	public void apply(DatabaseName tenant, List<OutboxRecord> records, ShapeSource shapes) throws Exception {
		try (Connection connection = this.dataSource.getConnection()) {
			Dialect dialect = dialect(connection);
			boolean autoCommit = connection.getAutoCommit();
			connection.setAutoCommit(false);
			try {
				for (OutboxRecord record : records) {
					apply(connection, dialect, tenant, record, shapes);
				}
				connection.commit();
			}
			catch (Exception ex) {
				rollback(connection, ex);
				this.tables.clear();
				throw ex;
			}
			finally {
				connection.setAutoCommit(autoCommit);
			}
		}
	}

	/**
	 * Roll back after a failure, keeping the failure as the exception to report: when the
	 * transaction never began, for example because the target was locked, the rollback
	 * fails too.
	 */
	private static void rollback(Connection connection, Exception failure) {
		try {
			connection.rollback();
		}
		catch (SQLException ex) {
			failure.addSuppressed(ex);
		}
	}

	private void apply(Connection connection, Dialect dialect, DatabaseName tenant, OutboxRecord record,
			ShapeSource shapes) throws Exception {
		Map<String, @Nullable Object> key = values(record.key());
		Map<String, @Nullable Object> row = record.isDelete() ? Map.of() : values(record.data());
		Map<String, String> columns = ensureTable(connection, dialect, record, key, row, shapes);
		if (record.isDelete()) {
			delete(connection, columns, tenant, record.table(), key);
		}
		else {
			upsert(connection, columns, tenant, record.table(), key, row);
		}
	}

	private Map<String, String> ensureTable(Connection connection, Dialect dialect, OutboxRecord record,
			Map<String, @Nullable Object> key, Map<String, @Nullable Object> row, ShapeSource shapes) throws Exception {
		String table = record.table();
		Map<String, String> columns = this.tables.get(table);
		if (columns == null) {
			columns = readColumns(connection, dialect, table);
			if (columns.isEmpty()) {
				createTable(connection, dialect, shapes.shapeOf(table), key);
				columns = readColumns(connection, dialect, table);
			}
			this.tables.put(table, columns);
		}
		List<String> missing = new ArrayList<>();
		for (String column : row.keySet()) {
			if (!columns.containsKey(column.toLowerCase(Locale.ROOT))) {
				missing.add(column);
			}
		}
		if (!missing.isEmpty()) {
			TableShape shape = shapes.shapeOf(table);
			try (Statement statement = connection.createStatement()) {
				for (String column : missing) {
					statement.execute("ALTER TABLE " + SqlNames.identifier(table) + " ADD COLUMN "
							+ SqlNames.identifier(column) + " " + dialect.columnType(shape.typeOf(column)));
				}
			}
			columns = readColumns(connection, dialect, table);
			this.tables.put(table, columns);
		}
		return columns;
	}

	private static void createTable(Connection connection, Dialect dialect, TableShape shape,
			Map<String, @Nullable Object> key) throws SQLException {
		StringBuilder sql = new StringBuilder("CREATE TABLE IF NOT EXISTS ").append(SqlNames.identifier(shape.name()))
			.append(" (")
			.append(SqlNames.identifier(TENANT_COLUMN))
			.append(" TEXT NOT NULL");
		if (shape.keyColumns().isEmpty()) {
			sql.append(", ").append(SqlNames.identifier(TableShape.ROWID_KEY)).append(' ').append(dialect.rowidType());
		}
		for (int i = 0; i < shape.columns().size(); i++) {
			sql.append(", ")
				.append(SqlNames.identifier(shape.columns().get(i)))
				.append(' ')
				.append(dialect.columnType(shape.types().get(i)));
		}
		sql.append(", PRIMARY KEY (").append(SqlNames.identifier(TENANT_COLUMN));
		for (String column : key.keySet()) {
			sql.append(", ").append(SqlNames.identifier(column));
		}
		sql.append("))");
		try (Statement statement = connection.createStatement()) {
			statement.execute(sql.toString());
		}
	}

	private static Map<String, String> readColumns(Connection connection, Dialect dialect, String table)
			throws SQLException {
		Map<String, String> columns = new LinkedHashMap<>();
		try (PreparedStatement statement = connection.prepareStatement(dialect.columnsQuery())) {
			statement.setString(1, table);
			try (ResultSet result = statement.executeQuery()) {
				while (result.next()) {
					columns.put(result.getString(1).toLowerCase(Locale.ROOT),
							result.getString(2).toLowerCase(Locale.ROOT));
				}
			}
		}
		return columns;
	}

	private static void upsert(Connection connection, Map<String, String> columns, DatabaseName tenant, String table,
			Map<String, @Nullable Object> key, Map<String, @Nullable Object> row) throws SQLException {
		Map<String, @Nullable Object> values = new LinkedHashMap<>(key);
		values.putAll(row);
		StringBuilder sql = new StringBuilder("INSERT INTO ").append(SqlNames.identifier(table))
			.append(" (")
			.append(SqlNames.identifier(TENANT_COLUMN));
		values.keySet().forEach((column) -> sql.append(", ").append(SqlNames.identifier(column)));
		sql.append(") VALUES (?");
		values.keySet().forEach((column) -> sql.append(", ?"));
		sql.append(") ON CONFLICT (").append(SqlNames.identifier(TENANT_COLUMN));
		key.keySet().forEach((column) -> sql.append(", ").append(SqlNames.identifier(column)));
		List<String> updated = values.keySet().stream().filter((column) -> !key.containsKey(column)).toList();
		if (updated.isEmpty()) {
			sql.append(") DO NOTHING");
		}
		else {
			sql.append(") DO UPDATE SET ");
			for (int i = 0; i < updated.size(); i++) {
				String column = SqlNames.identifier(updated.get(i));
				sql.append((i > 0) ? ", " : "").append(column).append(" = excluded.").append(column);
			}
		}
		try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
			statement.setString(1, tenant.toString());
			int index = 2;
			for (Map.Entry<String, @Nullable Object> entry : values.entrySet()) {
				bind(statement, index++, entry.getValue(), columns.get(entry.getKey().toLowerCase(Locale.ROOT)));
			}
			statement.executeUpdate();
		}
	}

	private static void delete(Connection connection, Map<String, String> columns, DatabaseName tenant, String table,
			Map<String, @Nullable Object> key) throws SQLException {
		StringBuilder sql = new StringBuilder("DELETE FROM ").append(SqlNames.identifier(table))
			.append(" WHERE ")
			.append(SqlNames.identifier(TENANT_COLUMN))
			.append(" = ?");
		key.keySet().forEach((column) -> sql.append(" AND ").append(SqlNames.identifier(column)).append(" = ?"));
		try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
			statement.setString(1, tenant.toString());
			int index = 2;
			for (Map.Entry<String, @Nullable Object> entry : key.entrySet()) {
				bind(statement, index++, entry.getValue(), columns.get(entry.getKey().toLowerCase(Locale.ROOT)));
			}
			statement.executeUpdate();
		}
	}

	/**
	 * Bind a value, converted to the column's type where the target checks types.
	 */
	private static void bind(PreparedStatement statement, int index, @Nullable Object value,
			@Nullable String columnType) throws SQLException {
		if (value == null) {
			statement.setNull(index, Types.NULL);
			return;
		}
		String type = (columnType != null) ? columnType : "";
		if (type.equals("text") || type.startsWith("character")) {
			statement.setString(index,
					(value instanceof byte[] bytes) ? HexFormat.of().formatHex(bytes) : value.toString());
		}
		else if (type.equals("numeric") && value instanceof Number number) {
			statement.setBigDecimal(index, new BigDecimal(number.toString()));
		}
		else {
			statement.setObject(index, value);
		}
	}

	private static Map<String, @Nullable Object> values(@Nullable String object) {
		Map<String, @Nullable Object> values = new LinkedHashMap<>();
		if (object == null) {
			return values;
		}
		JsonNode node = json.readTree(object);
		for (Map.Entry<String, JsonNode> field : node.properties()) {
			values.put(field.getKey(), value(field.getValue()));
		}
		return values;
	}

	private static @Nullable Object value(JsonNode node) {
		if (node.isNull()) {
			return null;
		}
		if (node.isIntegralNumber()) {
			return node.longValue();
		}
		if (node.isNumber()) {
			return node.doubleValue();
		}
		if (node.isArray() && node.size() == 2 && "blob".equals(node.get(0).stringValue())) {
			return HexFormat.of().parseHex(node.get(1).stringValue());
		}
		return node.stringValue();
	}

	private Dialect dialect(Connection connection) throws SQLException {
		Dialect dialect = this.dialect;
		if (dialect == null) {
			DatabaseMetaData metaData = connection.getMetaData();
			dialect = Dialect.of(metaData.getDatabaseProductName(), this.description);
			this.dialect = dialect;
		}
		return dialect;
	}

	/**
	 * Differences between the supported target databases.
	 */
	enum Dialect {

		SQLITE("SELECT name, type FROM pragma_table_info(?)"),

		POSTGRESQL("SELECT column_name, data_type FROM information_schema.columns"
				+ " WHERE table_schema = current_schema() AND table_name = ?");

		private static final Set<String> names = new TreeSet<>(List.of("SQLite", "PostgreSQL"));

		private final String columnsQuery;

		Dialect(String columnsQuery) {
			this.columnsQuery = columnsQuery;
		}

		static Dialect of(String productName, String description) {
			if (productName.equalsIgnoreCase("SQLite")) {
				return SQLITE;
			}
			if (productName.equalsIgnoreCase("PostgreSQL")) {
				return POSTGRESQL;
			}
			throw new IllegalStateException("Mirror target " + description + " is " + productName
					+ ", but dorm-spring mirrors only to " + names);
		}

		String columnsQuery() {
			return this.columnsQuery;
		}

		String rowidType() {
			return (this == SQLITE) ? "INTEGER" : "BIGINT";
		}

		/**
		 * Return the target column type for a declared SQLite type, by SQLite's type
		 * affinity rules.
		 */
		String columnType(@Nullable String declared) {
			String type = (declared != null) ? declared.toUpperCase(Locale.ROOT) : "";
			if (this == SQLITE) {
				return type;
			}
			if (type.contains("INT")) {
				return "BIGINT";
			}
			if (type.contains("CHAR") || type.contains("CLOB") || type.contains("TEXT")) {
				return "TEXT";
			}
			if (type.contains("BLOB")) {
				return "BYTEA";
			}
			if (type.contains("REAL") || type.contains("FLOA") || type.contains("DOUB")) {
				return "DOUBLE PRECISION";
			}
			return type.isEmpty() ? "TEXT" : "NUMERIC";
		}

	}

}
