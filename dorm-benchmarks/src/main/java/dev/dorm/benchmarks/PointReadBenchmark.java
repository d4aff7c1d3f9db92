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
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import dev.dorm.DormDatabase;
import dev.dorm.DormResult;
import dev.dorm.TenantContext;
import dev.dorm.tenant.TenantRoutingDataSource;
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

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads one row by primary key from a database of 10,000 rows, through dorm-spring and
 * through plain sqlite-jdbc on the same file. Each invocation reads a different id from a
 * seeded random sequence.
 * <p>
 * dorm-spring is called three ways: {@link #dormExec} through {@link DormDatabase#exec},
 * {@link #jdbcTemplate} through the database's own {@link DormDatabase#jdbc()}, and
 * {@link #routingJdbcTemplate} through a {@link JdbcTemplate} on the
 * {@link TenantRoutingDataSource}, with the tenant bound by {@link TenantContext#run} for
 * each read. {@link #rawPreparedStatement} prepares a statement per read, as dorm-spring
 * did before it kept prepared statements per connection, and {@link #rawCachedStatement}
 * reuses one, as {@link DormDatabase#exec} now does.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
@State(Scope.Thread)
public class PointReadBenchmark {

	private static final String NAME = "tenant:bench";

	private static final int ROWS = 10_000;

	/**
	 * Number of precomputed ids, a power of two so that the next index is a mask.
	 */
	private static final int IDS = 1 << 14;

	private static final long SEED = 20260101L;

	private BenchmarkRegistry registry;

	private DormDatabase database;

	private JdbcTemplate jdbcTemplate;

	private JdbcTemplate routingJdbcTemplate;

	private Connection connection;

	private PreparedStatement cachedStatement;

	private String[] ids;

	private int next;

	@Setup(Level.Trial)
	public void setUp() throws Exception {
		this.registry = new BenchmarkRegistry(true);
		try {
			this.database = this.registry.database(NAME);
			this.database.exec(TodoSchema.INSERT_NUMBERED, ROWS - 1);
			this.jdbcTemplate = this.database.jdbc();
			this.routingJdbcTemplate = new JdbcTemplate(new TenantRoutingDataSource(this.registry.client()));
			this.connection = RawSqlite.open(this.registry.file(NAME));
			this.cachedStatement = this.connection.prepareStatement(TodoSchema.SELECT_BY_ID);
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
			this.cachedStatement.close();
			this.connection.close();
		}
		finally {
			this.registry.close();
		}
	}

	private String nextId() {
		String id = this.ids[this.next];
		this.next = (this.next + 1) & (IDS - 1);
		return id;
	}

	@Benchmark
	public void dormExec(Blackhole blackhole) {
		String id = nextId();
		DormResult result = this.database.exec(TodoSchema.SELECT_BY_ID, id);
		if (result.rowsRead() != 1) {
			throw new IllegalStateException("Expected one row with id '" + id + "' but read " + result.rowsRead());
		}
		List<@Nullable Object> row = result.rows().get(0);
		blackhole.consume(row.get(0));
		blackhole.consume(row.get(1));
		blackhole.consume(row.get(2));
		blackhole.consume(row.get(3));
	}

	@Benchmark
	public Map<String, @Nullable Object> jdbcTemplate() {
		return this.jdbcTemplate.queryForMap(TodoSchema.SELECT_BY_ID, nextId());
	}

	@Benchmark
	public void routingJdbcTemplate(Blackhole blackhole) {
		String id = nextId();
		TenantContext.run(NAME,
				() -> blackhole.consume(this.routingJdbcTemplate.queryForMap(TodoSchema.SELECT_BY_ID, id)));
	}

	@Benchmark
	public void rawPreparedStatement(Blackhole blackhole) throws SQLException {
		try (PreparedStatement statement = this.connection.prepareStatement(TodoSchema.SELECT_BY_ID)) {
			readRow(statement, nextId(), blackhole);
		}
	}

	@Benchmark
	public void rawCachedStatement(Blackhole blackhole) throws SQLException {
		readRow(this.cachedStatement, nextId(), blackhole);
	}

	private static void readRow(PreparedStatement statement, String id, Blackhole blackhole) throws SQLException {
		statement.setString(1, id);
		try (ResultSet resultSet = statement.executeQuery()) {
			if (!resultSet.next()) {
				throw new IllegalStateException("Expected a row with id '" + id + "' but found none");
			}
			blackhole.consume(resultSet.getString(1));
			blackhole.consume(resultSet.getString(2));
			blackhole.consume(resultSet.getLong(3));
			blackhole.consume(resultSet.getLong(4));
		}
	}

}
