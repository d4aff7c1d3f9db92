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

package dev.dorm.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.sqlite.SQLiteConnection;
import org.sqlite.core.CoreResultSet;

/**
 * Splits the cost of {@link PointReadBenchmark#dormExec} into the JDBC calls that
 * dorm-spring makes for one statement, added one {@link Step} at a time on a plain
 * sqlite-jdbc connection. {@link Step#FLOOR} is
 * {@link PointReadBenchmark#rawPreparedStatement}, and {@link Step#TOTAL_CHANGES} makes
 * the same calls as dorm-spring's statement executor, without the registry, the
 * connection pool and the result object. {@link Step#DRIVER_COLUMN_NAMES} shows what a
 * cheaper way to read the column names would save.
 * <p>
 * NOTE: the steps copy the JDBC calls of {@code dev.dorm.registry.StatementExecutor} by
 * hand, so they must be updated when that class changes.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
@State(Scope.Thread)
public class PointReadBreakdownBenchmark {

	private static final String NAME = "tenant:bench";

	private static final int ROWS = 10_000;

	private static final int IDS = 1 << 14;

	private static final long SEED = 20260101L;

	/**
	 * The JDBC calls made per read, each step adding to the ones before it.
	 */
	public enum Step {

		/**
		 * {@code prepareStatement}, {@code setString}, {@code executeQuery}, one
		 * {@code next}, four typed getters and {@code close}.
		 */
		FLOOR,

		/**
		 * {@code setObject}, {@code execute} and {@code getResultSet} in place of
		 * {@code setString} and {@code executeQuery}.
		 */
		EXECUTE,

		/**
		 * Adds {@code getParameterMetaData().getParameterCount()}.
		 */
		PARAMETER_COUNT,

		/**
		 * Adds {@code getMetaData()} and {@code getColumnLabel} for each column.
		 */
		COLUMN_LABELS,

		/**
		 * Reads the values with {@code getObject} in place of the typed getters.
		 */
		GET_OBJECT,

		/**
		 * Calls {@code next} until it returns {@code false}.
		 */
		READ_TO_END,

		/**
		 * Adds SQLite's {@code total_changes} before and after the statement.
		 */
		TOTAL_CHANGES,

		/**
		 * Reads the column names that sqlite-jdbc fetched when it opened the result set
		 * (the public field {@code CoreResultSet.cols} of sqlite-jdbc 3.50.3.0) in place
		 * of calling {@code getColumnLabel}, which calls {@code sqlite3_column_name}
		 * through JNI again for each column.
		 */
		DRIVER_COLUMN_NAMES

	}

	@Param
	public Step step;

	private BenchmarkRegistry registry;

	private Connection connection;

	private String[] ids;

	private int next;

	@Setup(Level.Trial)
	public void setUp() throws Exception {
		this.registry = new BenchmarkRegistry(true);
		try {
			this.registry.database(NAME).exec(TodoSchema.INSERT_NUMBERED, ROWS - 1);
			this.connection = RawSqlite.open(this.registry.file(NAME));
		}
		catch (Exception ex) {
			this.registry.close();
			throw ex;
		}
		Random random = new Random(SEED);
		this.ids = new String[IDS];
		for (int i = 0; i < IDS; i++) {
			this.ids[i] = TodoSchema.id(random.nextInt(ROWS));
		}
	}

	@TearDown(Level.Trial)
	public void tearDown() throws SQLException {
		try {
			this.connection.close();
		}
		finally {
			this.registry.close();
		}
	}

	@Benchmark
	public void read(Blackhole blackhole) throws SQLException {
		String id = this.ids[this.next];
		this.next = (this.next + 1) & (IDS - 1);
		int step = this.step.ordinal();
		long changesBefore = (step >= Step.TOTAL_CHANGES.ordinal()) ? totalChanges() : 0;
		try (PreparedStatement statement = this.connection.prepareStatement(TodoSchema.SELECT_BY_ID)) {
			if (step >= Step.PARAMETER_COUNT.ordinal()) {
				blackhole.consume(statement.getParameterMetaData().getParameterCount());
			}
			ResultSet resultSet;
			if (step >= Step.EXECUTE.ordinal()) {
				statement.setObject(1, id);
				statement.execute();
				resultSet = statement.getResultSet();
			}
			else {
				statement.setString(1, id);
				resultSet = statement.executeQuery();
			}
			try (resultSet) {
				if (step >= Step.DRIVER_COLUMN_NAMES.ordinal()) {
					blackhole.consume(List.of(resultSet.unwrap(CoreResultSet.class).cols));
				}
				else if (step >= Step.COLUMN_LABELS.ordinal()) {
					blackhole.consume(columnLabels(resultSet.getMetaData()));
				}
				readRows(resultSet, step, id, blackhole);
			}
		}
		if (step >= Step.TOTAL_CHANGES.ordinal()) {
			blackhole.consume(totalChanges() - changesBefore);
		}
	}

	private static List<String> columnLabels(ResultSetMetaData metaData) throws SQLException {
		int count = metaData.getColumnCount();
		List<String> labels = new ArrayList<>(count);
		for (int i = 1; i <= count; i++) {
			labels.add(metaData.getColumnLabel(i));
		}
		return labels;
	}

	private static void readRows(ResultSet resultSet, int step, String id, Blackhole blackhole) throws SQLException {
		if (!resultSet.next()) {
			throw new IllegalStateException("Expected a row with id '" + id + "' but found none");
		}
		if (step >= Step.GET_OBJECT.ordinal()) {
			@Nullable Object[] row = new Object[4];
			for (int i = 0; i < row.length; i++) {
				Object value = resultSet.getObject(i + 1);
				row[i] = (value instanceof Integer number) ? Long.valueOf(number.longValue()) : value;
			}
			blackhole.consume(row);
		}
		else {
			blackhole.consume(resultSet.getString(1));
			blackhole.consume(resultSet.getString(2));
			blackhole.consume(resultSet.getLong(3));
			blackhole.consume(resultSet.getLong(4));
		}
		if (step >= Step.READ_TO_END.ordinal() && resultSet.next()) {
			throw new IllegalStateException("Expected one row with id '" + id + "' but found more");
		}
	}

	private long totalChanges() throws SQLException {
		return this.connection.unwrap(SQLiteConnection.class).getDatabase().total_changes();
	}

}
