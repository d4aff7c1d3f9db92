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

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;

import dev.dorm.DatabaseName;
import dev.dorm.DormDatabase;
import dev.dorm.DormResult;
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

/**
 * Measures what it costs to open a database: opening an existing, up-to-date file again
 * after the registry closed it, and the first use of a database that does not exist yet.
 * <p>
 * {@link #reopenUpToDate}, {@link #closeOnly} and {@link #firstUseOfNewDatabase} have a
 * setup or teardown per invocation ({@link Level#Invocation}), so JMH times each
 * invocation on its own. JMH documents that level as usable only above a millisecond per
 * invocation, because of the cost of the timestamps and of the fixtures around them.
 * {@link #closeAndReopen} needs no such fixture and checks the other two: it should be
 * close to {@link #closeOnly} plus {@link #reopenUpToDate}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class OpenBenchmark {

	private static final String FIRST_QUERY_ID = TodoSchema.id(42);

	/**
	 * Opens the closed database again and runs its first query. This measures opening the
	 * file and its write-ahead log, the connection pragmas, the migration check and a
	 * read by primary key. The migration check compares {@code PRAGMA user_version} with
	 * the stamp of the migrations. The database is closed before each invocation, outside
	 * the measurement.
	 */
	@Benchmark
	public DormResult reopenUpToDate(ClosedDatabase state) {
		return firstQuery(state.database);
	}

	/**
	 * Closes the database and opens it again, both inside the measurement.
	 */
	@Benchmark
	public DormResult closeAndReopen(ExistingDatabases state) {
		state.close();
		return firstQuery(state.database);
	}

	/**
	 * Closes an open, idle database. SQLite checkpoints the write-ahead log into the
	 * database file and deletes the log when the last connection closes.
	 */
	@Benchmark
	public void closeOnly(OpenedDatabase state) {
		state.close();
	}

	/**
	 * Opens a plain sqlite-jdbc connection on a file like the one of
	 * {@link #closeAndReopen}, runs the same query and closes the connection: the floor
	 * for {@link #closeAndReopen}. The connection sets fewer pragmas than dorm-spring's
	 * (see {@link RawSqlite#open}).
	 */
	@Benchmark
	public String rawOpenQueryClose(RawDatabase state) throws SQLException {
		try (Connection connection = RawSqlite.open(state.file);
				PreparedStatement statement = connection.prepareStatement(TodoSchema.SELECT_BY_ID)) {
			statement.setString(1, FIRST_QUERY_ID);
			try (ResultSet resultSet = statement.executeQuery()) {
				if (!resultSet.next()) {
					throw new IllegalStateException(
							"Expected a row with id '" + FIRST_QUERY_ID + "' in '" + state.file + "' but found none");
				}
				return resultSet.getString(2);
			}
		}
	}

	/**
	 * Uses a database that does not exist yet: validates the name, creates the file
	 * (copies the template, or runs Flyway's three migrations on an empty file), opens it
	 * and inserts one row.
	 */
	@Benchmark
	public long firstUseOfNewDatabase(NewDatabases state) {
		return insertFirstRow(state.registry.database(state.name));
	}

	private static DormResult firstQuery(DormDatabase database) {
		DormResult result = database.exec(TodoSchema.SELECT_BY_ID, FIRST_QUERY_ID);
		if (result.rowsRead() != 1) {
			throw new IllegalStateException("Expected one row with id '" + FIRST_QUERY_ID + "' in " + database
					+ " but read " + result.rowsRead());
		}
		return result;
	}

	private static long insertFirstRow(DormDatabase database) {
		return database.exec(TodoSchema.INSERT, FIRST_QUERY_ID, TodoSchema.TITLE, 0, TodoSchema.CREATED_AT)
			.rowsWritten();
	}

	/**
	 * A registry with two migrated databases of 1,000 rows each, both open. The
	 * benchmarks close and open the first one while the second stays open.
	 */
	@State(Scope.Thread)
	public static class ExistingDatabases {

		private static final int ROWS = 1_000;

		BenchmarkRegistry registry;

		DormDatabase database;

		private DatabaseName name;

		@Setup(Level.Trial)
		public void setUpDatabases() throws IOException {
			this.registry = new BenchmarkRegistry(true);
			this.database = this.registry.database("tenant:first");
			this.name = this.database.name();
			this.database.exec(TodoSchema.INSERT_NUMBERED, ROWS - 1);
			this.registry.database("tenant:second").exec(TodoSchema.INSERT_NUMBERED, ROWS - 1);
		}

		@TearDown(Level.Trial)
		public void tearDownDatabases() {
			this.registry.close();
		}

		void close() {
			if (!this.registry.registry().close(this.name)) {
				throw new IllegalStateException("Expected " + this.database + " to be open and idle");
			}
		}

	}

	/**
	 * The first database of {@link ExistingDatabases}, closed before each invocation.
	 */
	@State(Scope.Thread)
	public static class ClosedDatabase extends ExistingDatabases {

		@Setup(Level.Invocation)
		public void closeDatabase() {
			close();
		}

	}

	/**
	 * The first database of {@link ExistingDatabases}, opened before each invocation.
	 */
	@State(Scope.Thread)
	public static class OpenedDatabase extends ExistingDatabases {

		@Setup(Level.Invocation)
		public void openDatabase() {
			firstQuery(this.database);
		}

	}

	/**
	 * A migrated database of 1,000 rows, like the first one of {@link ExistingDatabases},
	 * that the registry has closed, so that only the benchmark opens its file.
	 */
	@State(Scope.Thread)
	public static class RawDatabase {

		BenchmarkRegistry registry;

		Path file;

		@Setup(Level.Trial)
		public void setUpDatabase() throws IOException {
			this.registry = new BenchmarkRegistry(true);
			DormDatabase database = this.registry.database("tenant:raw");
			database.exec(TodoSchema.INSERT_NUMBERED, ExistingDatabases.ROWS - 1);
			this.registry.registry().close(database.name());
			this.file = this.registry.file("tenant:raw");
		}

		@TearDown(Level.Trial)
		public void tearDownDatabase() {
			this.registry.close();
		}

	}

	/**
	 * A registry on a fresh folder per iteration, which bounds the number of files, and a
	 * new database name per invocation. Each new database is closed after its invocation,
	 * outside the measurement, so the registry never reaches its maximum of open
	 * databases and evicts one inside the measurement.
	 */
	@State(Scope.Thread)
	public static class NewDatabases {

		/**
		 * Upper bound on the databases created in one iteration, far above what a one
		 * second iteration creates.
		 */
		private static final int MAX_DATABASES = 20_000;

		/**
		 * Whether new databases start as a copy of a migrated template, or are migrated
		 * by Flyway one by one.
		 */
		@Param({ "true", "false" })
		public boolean useTemplates;

		BenchmarkRegistry registry;

		String name;

		private int created;

		@Setup(Level.Iteration)
		public void setUpRegistry() throws IOException {
			this.registry = new BenchmarkRegistry(this.useTemplates);
			this.created = 0;
			// Use one database before the measurement, because the first one loads the
			// migrations and, with templates, builds the template
			DormDatabase warmUp = this.registry.database("tenant:warm-up");
			insertFirstRow(warmUp);
			this.registry.registry().close(warmUp.name());
		}

		@Setup(Level.Invocation)
		public void nextName() {
			if (this.created >= MAX_DATABASES) {
				throw new IllegalStateException("Created the maximum of " + MAX_DATABASES
						+ " databases in one iteration. Shorten the iteration time with -r.");
			}
			this.name = "tenant:new-" + this.created++;
		}

		@TearDown(Level.Invocation)
		public void closeDatabase() {
			if (!this.registry.registry().close(this.registry.name(this.name))) {
				throw new IllegalStateException("Expected database '" + this.name + "' to be open and idle");
			}
		}

		@TearDown(Level.Iteration)
		public void tearDownRegistry() {
			this.registry.close();
		}

	}

}
