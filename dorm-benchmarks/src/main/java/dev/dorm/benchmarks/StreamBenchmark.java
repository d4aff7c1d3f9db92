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
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.dorm.DormCursor;
import dev.dorm.DormDatabase;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import org.springframework.jdbc.core.RowMapper;

/**
 * Reads all 1,000,000 rows of a table once per invocation, through a {@link DormCursor}
 * and through a plain {@link ResultSet} loop on the same file. Run it with
 * {@code -jvmArgs -Xmx64m} to check that a pass does not keep rows in memory.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
@State(Scope.Thread)
public class StreamBenchmark {

	private static final String NAME = "tenant:bench";

	private static final int ROWS = 1_000_000;

	private static final RowMapper<Todo> TODO_MAPPER = (resultSet, rowNumber) -> mapTodo(resultSet);

	private BenchmarkRegistry registry;

	private DormDatabase database;

	private Connection connection;

	@Setup(Level.Trial)
	public void setUp() throws Exception {
		this.registry = new BenchmarkRegistry(true);
		try {
			this.database = this.registry.database(NAME);
			this.database.exec(TodoSchema.INSERT_NUMBERED, ROWS - 1);
			this.connection = RawSqlite.open(this.registry.file(NAME));
		}
		catch (Exception ex) {
			this.registry.close();
			throw ex;
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

	/**
	 * Streams the rows mapped to records by a {@link RowMapper}.
	 */
	@Benchmark
	public long dormCursor(Blackhole blackhole) {
		try (DormCursor<Todo> cursor = this.database.stream(TodoSchema.SELECT_ALL, TODO_MAPPER)) {
			while (cursor.hasNext()) {
				blackhole.consume(cursor.next());
			}
			return checkCount(cursor.rowsRead());
		}
	}

	/**
	 * Streams the rows as maps from column name to value, the default row type of
	 * {@link DormDatabase#stream(String, Object...)}.
	 */
	@Benchmark
	public long dormCursorOfMaps(Blackhole blackhole) {
		try (DormCursor<Map<String, @Nullable Object>> cursor = this.database.stream(TodoSchema.SELECT_ALL)) {
			while (cursor.hasNext()) {
				blackhole.consume(cursor.next());
			}
			return checkCount(cursor.rowsRead());
		}
	}

	/**
	 * Reads the rows into the same records with a plain {@link ResultSet} loop.
	 */
	@Benchmark
	public long rawResultSet(Blackhole blackhole) throws SQLException {
		long count = 0;
		try (PreparedStatement statement = this.connection.prepareStatement(TodoSchema.SELECT_ALL);
				ResultSet resultSet = statement.executeQuery()) {
			while (resultSet.next()) {
				blackhole.consume(mapTodo(resultSet));
				count++;
			}
		}
		return checkCount(count);
	}

	private static Todo mapTodo(ResultSet resultSet) throws SQLException {
		return new Todo(resultSet.getString(1), resultSet.getString(2), resultSet.getLong(3), resultSet.getLong(4));
	}

	private static long checkCount(long count) {
		if (count != ROWS) {
			throw new IllegalStateException("Expected to read " + ROWS + " rows but read " + count);
		}
		return count;
	}

	/**
	 * One row of the {@code todos} table.
	 *
	 * @param id the primary key
	 * @param title the title
	 * @param done 1 if done, else 0
	 * @param createdAt the creation time in epoch milliseconds
	 */
	record Todo(String id, String title, long done, long createdAt) {
	}

}
