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

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.dorm.DormResult;
import org.jspecify.annotations.Nullable;
import org.sqlite.SQLiteConnection;

import org.springframework.dao.InvalidDataAccessApiUsageException;

/**
 * Runs one prepared statement and reads its complete result.
 */
final class StatementExecutor {

	private StatementExecutor() {
	}

	/**
	 * Run a statement and read its result, reusing a cached prepared statement.
	 * @param connection a connection from the pool
	 * @param statements the statement cache of the connection
	 * @param writer whether the connection is the writer, whose changes are counted
	 * @param sql the statement
	 * @param params its parameters
	 * @param timeoutNanos the longest time the statement may run, or 0 for no limit
	 * @return the result
	 * @throws SQLException if SQLite rejects the statement
	 */
	static DormResult execute(Connection connection, StatementCache statements, boolean writer, String sql,
			@Nullable Object[] params, long timeoutNanos) throws SQLException {
		if (timeoutNanos <= 0) {
			return execute(connection, statements, writer, sql, params);
		}
		StatementDeadline.install(connection, timeoutNanos);
		try {
			return execute(connection, statements, writer, sql, params);
		}
		finally {
			StatementDeadline.uninstall(connection);
		}
	}

	private static DormResult execute(Connection connection, StatementCache statements, boolean writer, String sql,
			@Nullable Object[] params) throws SQLException {
		long changesBefore = writer ? totalChanges(connection) : 0;
		long internalBefore = InternalWrites.total();
		PreparedStatement statement = statements.take(sql);
		if (statement == null) {
			statement = connection.prepareStatement(sql);
		}
		boolean reusable = false;
		try {
			bindAll(statement, params);
			List<String> columns = List.of();
			List<@Nullable Object[]> rows = List.of();
			if (statement.execute()) {
				try (ResultSet resultSet = statement.getResultSet()) {
					columns = columnNames(resultSet.getMetaData());
					rows = readRows(resultSet, columns.size());
				}
			}
			reusable = true;
			long written = writer ? totalChanges(connection) - changesBefore - (InternalWrites.total() - internalBefore)
					: 0;
			return new DormResult(columns, rows, written);
		}
		finally {
			if (reusable) {
				statements.give(sql, statement);
			}
			else {
				statement.close();
			}
		}
	}

	/**
	 * Prepare a statement and bind its parameters, checking that their number matches.
	 * @param connection the connection
	 * @param sql the statement
	 * @param params its parameters
	 * @return the prepared statement, to be closed by the caller
	 * @throws SQLException if SQLite rejects the statement
	 */
	static PreparedStatement prepare(Connection connection, String sql, @Nullable Object[] params) throws SQLException {
		PreparedStatement statement = connection.prepareStatement(sql);
		try {
			bindAll(statement, params);
			return statement;
		}
		catch (SQLException | RuntimeException ex) {
			statement.close();
			throw ex;
		}
	}

	private static void bindAll(PreparedStatement statement, @Nullable Object[] params) throws SQLException {
		int expected = statement.getParameterMetaData().getParameterCount();
		if (expected != params.length) {
			throw new InvalidDataAccessApiUsageException(
					"The statement has " + expected + " parameter" + ((expected != 1) ? "s" : "") + " but "
							+ params.length + " value" + ((params.length != 1) ? "s were" : " was") + " given");
		}
		for (int i = 0; i < params.length; i++) {
			bind(statement, i + 1, params[i]);
		}
	}

	private static void bind(PreparedStatement statement, int index, @Nullable Object value) throws SQLException {
		if (value == null || value instanceof String || value instanceof Long || value instanceof Integer
				|| value instanceof Double || value instanceof byte[]) {
			statement.setObject(index, value);
		}
		else if (value instanceof Boolean bool) {
			statement.setLong(index, bool ? 1 : 0);
		}
		else if (value instanceof Short || value instanceof Byte) {
			statement.setLong(index, ((Number) value).longValue());
		}
		else if (value instanceof Float number) {
			statement.setDouble(index, number.doubleValue());
		}
		else if (value instanceof BigDecimal || value instanceof BigInteger || value instanceof UUID
				|| value instanceof Character || value instanceof TemporalAccessor) {
			statement.setString(index, value.toString());
		}
		else if (value instanceof Enum<?> constant) {
			statement.setString(index, constant.name());
		}
		else {
			throw new InvalidDataAccessApiUsageException("Cannot bind parameter " + index + " of type "
					+ value.getClass().getName() + "; pass a String, a number, a Boolean, a byte[], a UUID, "
					+ "an enum, a java.time value or null");
		}
	}

	static List<String> columnNames(@Nullable ResultSetMetaData metaData) throws SQLException {
		if (metaData == null) {
			return List.of();
		}
		int count = metaData.getColumnCount();
		List<String> names = new ArrayList<>(count);
		for (int i = 1; i <= count; i++) {
			names.add(metaData.getColumnLabel(i));
		}
		return names;
	}

	private static List<@Nullable Object[]> readRows(ResultSet resultSet, int columnCount) throws SQLException {
		List<@Nullable Object[]> rows = new ArrayList<>();
		while (resultSet.next()) {
			rows.add(readRow(resultSet, columnCount));
		}
		return rows;
	}

	/**
	 * Read the current row, with integers as {@code Long}.
	 * @param resultSet the result set, on a row
	 * @param columnCount the number of columns
	 * @return the values
	 * @throws SQLException if reading fails
	 */
	static @Nullable Object[] readRow(ResultSet resultSet, int columnCount) throws SQLException {
		@Nullable Object[] row = new Object[columnCount];
		for (int i = 0; i < columnCount; i++) {
			Object value = resultSet.getObject(i + 1);
			row[i] = (value instanceof Integer number) ? Long.valueOf(number.longValue()) : value;
		}
		return row;
	}

	private static long totalChanges(Connection connection) throws SQLException {
		return ((SQLiteConnection) connection).getDatabase().total_changes();
	}

}
