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
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;

import dev.dorm.DormDatabase;
import dev.dorm.TenantContext;
import dev.dorm.tenant.TenantRoutingDataSource;
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

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Inserts one row per invocation in autocommit mode, through dorm-spring and through
 * plain sqlite-jdbc on the same file, which dorm-spring keeps open meanwhile. dorm-spring
 * is called through {@link DormDatabase#exec}, through {@link DormDatabase#jdbc()}, and
 * through a {@link JdbcTemplate} on the {@link TenantRoutingDataSource} with the tenant
 * bound by {@link TenantContext#run} for each insert. In WAL mode with
 * {@code synchronous=NORMAL}, SQLite syncs the log only at checkpoints and not at each
 * commit (SQLite documentation of {@code PRAGMA synchronous}). So most invocations
 * measure the library and SQLite, and the few that run an automatic checkpoint also wait
 * for the disk.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
@State(Scope.Thread)
public class SingleInsertBenchmark {

	private static final String NAME = "tenant:bench";

	private BenchmarkRegistry registry;

	private DormDatabase database;

	private JdbcTemplate jdbcTemplate;

	private JdbcTemplate routingJdbcTemplate;

	private Connection connection;

	private PreparedStatement cachedStatement;

	private int sequence;

	@Setup(Level.Trial)
	public void setUp() throws Exception {
		this.registry = new BenchmarkRegistry(true);
		try {
			this.database = this.registry.database(NAME);
			this.database.exec("SELECT count(*) FROM todos");
			this.jdbcTemplate = this.database.jdbc();
			this.routingJdbcTemplate = new JdbcTemplate(new TenantRoutingDataSource(this.registry.client()));
			this.connection = RawSqlite.open(this.registry.file(NAME));
			this.cachedStatement = this.connection.prepareStatement(TodoSchema.INSERT);
		}
		catch (Exception ex) {
			this.registry.close();
			throw ex;
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
		return "new-" + this.sequence++;
	}

	@Benchmark
	public long dormExec() {
		return this.database.exec(TodoSchema.INSERT, nextId(), TodoSchema.TITLE, 0, TodoSchema.CREATED_AT)
			.rowsWritten();
	}

	@Benchmark
	public int jdbcTemplate() {
		return this.jdbcTemplate.update(TodoSchema.INSERT, nextId(), TodoSchema.TITLE, 0, TodoSchema.CREATED_AT);
	}

	@Benchmark
	public int routingJdbcTemplate() {
		String id = nextId();
		return TenantContext.call(NAME, () -> this.routingJdbcTemplate.update(TodoSchema.INSERT, id, TodoSchema.TITLE,
				0, TodoSchema.CREATED_AT));
	}

	@Benchmark
	public int rawPreparedStatement() throws SQLException {
		try (PreparedStatement statement = this.connection.prepareStatement(TodoSchema.INSERT)) {
			return insert(statement, nextId());
		}
	}

	@Benchmark
	public int rawCachedStatement() throws SQLException {
		return insert(this.cachedStatement, nextId());
	}

	private static int insert(PreparedStatement statement, String id) throws SQLException {
		statement.setString(1, id);
		statement.setString(2, TodoSchema.TITLE);
		statement.setInt(3, 0);
		statement.setLong(4, TodoSchema.CREATED_AT);
		return statement.executeUpdate();
	}

}
