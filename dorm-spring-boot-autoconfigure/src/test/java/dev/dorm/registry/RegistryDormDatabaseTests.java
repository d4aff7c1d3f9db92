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

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.dorm.DormCursor;
import dev.dorm.DormDatabase;
import dev.dorm.DormResult;
import dev.dorm.DormSqlException;
import dev.dorm.StatementTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.dao.IncorrectResultSizeDataAccessException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link RegistryDormDatabase}.
 */
class RegistryDormDatabaseTests {

	@TempDir
	Path directory;

	private TestRegistry registry;

	private DormDatabase acme;

	@BeforeEach
	void setUp() {
		this.registry = new TestRegistry(this.directory);
		this.acme = this.registry.database("tenant:acme");
	}

	@AfterEach
	void tearDown() {
		this.registry.close();
	}

	@Test
	void execReturnsColumnsRowsAndCounts() {
		DormResult insert = insertTodos(this.acme, "a", "b");
		assertThat(insert.rowsWritten()).isEqualTo(2);
		assertThat(insert.rowsRead()).isZero();
		DormResult select = this.acme.exec("SELECT id, title, done FROM todos ORDER BY id");
		assertThat(select.columns()).containsExactly("id", "title", "done");
		assertThat(select.rows()).containsExactly(List.of("a", "title a", 0L), List.of("b", "title b", 0L));
		assertThat(select.rowsRead()).isEqualTo(2);
		assertThat(select.rowsWritten()).isZero();
		assertThat(select.toList().get(0)).containsEntry("id", "a").containsEntry("done", 0L);
	}

	@Test
	void execKeepsDuplicateColumnsAndColumnsOfEmptyResults() {
		DormResult duplicate = this.acme.exec("SELECT 1 AS a, 2 AS a");
		assertThat(duplicate.columns()).containsExactly("a", "a");
		assertThat(duplicate.rows()).containsExactly(List.of(1L, 2L));
		DormResult empty = this.acme.exec("SELECT id, title FROM todos WHERE id = ?", "missing");
		assertThat(empty.columns()).containsExactly("id", "title");
		assertThat(empty.rows()).isEmpty();
	}

	@Test
	void execReturnsValuesAsSqliteStoresThem() {
		DormResult result = this.acme.exec("SELECT 9007199254740993, 1.5, 'text', x'00ff', NULL");
		assertThat(result.rows().get(0)).containsExactly(9007199254740993L, 1.5, "text", new byte[] { 0, (byte) 0xff },
				null);
	}

	@Test
	void execBindsCommonJavaTypes() {
		DormResult result = this.acme.exec("SELECT ?, ?, ?, typeof(?)", true, 7,
				java.util.UUID.fromString("00000000-0000-0000-0000-000000000001"), 2.5f);
		assertThat(result.rows().get(0)).containsExactly(1L, 7L, "00000000-0000-0000-0000-000000000001", "real");
	}

	@Test
	void oneReturnsTheOnlyRowOrNothing() {
		insertTodos(this.acme, "a", "b");
		assertThat(this.acme.exec("SELECT title FROM todos WHERE id = ?", "a").one())
			.contains(Map.of("title", "title a"));
		assertThat(this.acme.exec("SELECT title FROM todos WHERE id = ?", "z").one()).isEmpty();
		assertThatExceptionOfType(IncorrectResultSizeDataAccessException.class)
			.isThrownBy(() -> this.acme.exec("SELECT title FROM todos").one());
	}

	@Test
	void execRejectsTwoStatementsAndRunsNeither() {
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> this.acme
				.exec("INSERT INTO todos (id, title, created_at) VALUES ('x', 'x', 0); DELETE FROM todos"))
			.withMessageContaining("Expected one SQL statement but found 2");
		assertThat(count(this.acme)).isZero();
	}

	@Test
	void execRejectsWrongNumberOfParameters() {
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> this.acme.exec("SELECT ?, ?", 1))
			.withMessage("The statement has 2 parameters but 1 value was given");
	}

	@Test
	void sqlErrorNamesDatabaseAndCarriesSqliteMessage() {
		assertThatExceptionOfType(DormSqlException.class).isThrownBy(() -> this.acme.exec("SELECT * FROM nope"))
			.satisfies((ex) -> {
				assertThat(ex.getDatabaseName()).isEqualTo("tenant:acme");
				assertThat(ex.getSqliteMessage()).isEqualTo("no such table: nope");
				assertThat(ex.getSql()).isEqualTo("SELECT * FROM nope");
				assertThat(ex.getMessage()).isEqualTo("SQL failed on database 'tenant:acme': no such table: nope");
			});
	}

	@Test
	void attachThroughExecFailsAndLeavesOtherDatabaseUnchanged() throws Exception {
		DormDatabase other = this.registry.database("tenant:other");
		insertTodos(other, "secret");
		this.registry.registry().close();
		Path otherFile = this.directory.resolve("tenant/other.db");
		byte[] before = Files.readAllBytes(otherFile);
		this.registry.close();
		this.acme = this.registry.database("tenant:acme");
		assertThatExceptionOfType(DormSqlException.class)
			.isThrownBy(() -> this.acme.exec("ATTACH DATABASE ? AS other", otherFile.toString()))
			.satisfies((ex) -> assertThat(ex.getSqliteMessage()).contains("too many attached databases"));
		assertThat(Files.readAllBytes(otherFile)).isEqualTo(before);
	}

	@Test
	void transactionCommitsOnReturnAndRollsBackOnException() {
		this.acme.transactionWithoutResult((db) -> insertTodos(db, "kept"));
		assertThatIllegalStateException().isThrownBy(() -> this.acme.transactionWithoutResult((db) -> {
			insertTodos(db, "first", "second");
			assertThat(count(db)).isEqualTo(3);
			throw new IllegalStateException("rolled back");
		}));
		assertThat(this.acme.exec("SELECT id FROM todos").rows()).containsExactly(List.of("kept"));
	}

	@Test
	void nestedTransactionJoinsTheOuterOne() {
		assertThatIllegalStateException().isThrownBy(() -> this.acme.transactionWithoutResult((db) -> {
			db.transactionWithoutResult((inner) -> insertTodos(inner, "inner"));
			throw new IllegalStateException("outer fails");
		}));
		assertThat(count(this.acme)).isZero();
	}

	@Test
	void concurrentReadModifyWriteTransactionsLoseNoUpdate() throws Exception {
		this.acme.exec("CREATE TABLE counter (value INTEGER NOT NULL)");
		this.acme.exec("INSERT INTO counter VALUES (0)");
		ExecutorService executor = Executors.newFixedThreadPool(8);
		try {
			List<Future<?>> futures = new ArrayList<>();
			for (int thread = 0; thread < 8; thread++) {
				futures.add(executor.submit(() -> {
					for (int i = 0; i < 200; i++) {
						this.acme.transactionWithoutResult((db) -> {
							long value = (Long) db.exec("SELECT value FROM counter").rows().get(0).get(0);
							db.exec("UPDATE counter SET value = ?", value + 1);
						});
					}
				}));
			}
			for (Future<?> future : futures) {
				future.get(60, TimeUnit.SECONDS);
			}
		}
		finally {
			executor.shutdownNow();
		}
		assertThat(this.acme.exec("SELECT value FROM counter").rows()).containsExactly(List.of(1600L));
	}

	@Test
	void cursorReadsEveryRowAndClosesItself() {
		insertNumbers(this.acme, 1000);
		long sum = 0;
		DormCursor<Long> cursor = this.acme.stream("SELECT n FROM numbers ORDER BY n", (rs, row) -> rs.getLong(1));
		assertThat(cursor.columns()).containsExactly("n");
		while (cursor.hasNext()) {
			sum += cursor.next();
		}
		assertThat(sum).isEqualTo(1000L * 1001 / 2);
		assertThat(cursor.rowsRead()).isEqualTo(1000);
		assertThat(cursor.isClosed()).isTrue();
	}

	@Test
	void closingCursorEarlyReleasesItsSnapshotAndConnection() {
		this.registry.settings.setMaxReaders(1);
		this.registry.settings.setAcquireTimeout(java.time.Duration.ofMillis(200));
		this.registry.close();
		this.acme = this.registry.database("tenant:acme");
		insertNumbers(this.acme, 1000);
		DormCursor<Map<String, Object>> cursor = this.acme.stream("SELECT n FROM numbers ORDER BY n");
		for (int i = 0; i < 10; i++) {
			cursor.next();
		}
		this.acme.exec("INSERT INTO numbers VALUES (1001)");
		assertThat(checkpoint(this.acme)).as("checkpoint blocked by the open cursor").isEqualTo(1L);
		cursor.close();
		assertThat(cursor.isClosed()).isTrue();
		assertThat(checkpoint(this.acme)).as("checkpoint after close").isZero();
		try (DormCursor<Map<String, Object>> next = this.acme.stream("SELECT n FROM numbers")) {
			assertThat(next.hasNext()).isTrue();
		}
	}

	@Test
	void cursorInsideTransactionSeesUncommittedRows() {
		this.acme.transactionWithoutResult((db) -> {
			insertTodos(db, "pending");
			try (DormCursor<Map<String, Object>> cursor = db.stream("SELECT id FROM todos")) {
				assertThat(cursor.next()).containsEntry("id", "pending");
			}
		});
	}

	@Test
	void fullDatabaseRejectsWritesAndStaysReadable() {
		this.registry.settings.setMaxSize(128 * 1024);
		this.registry.close();
		DormDatabase small = this.registry.database("tenant:small");
		small.exec("CREATE TABLE blobs (data BLOB)");
		int written = 0;
		DormSqlException failure = null;
		while (failure == null && written < 1000) {
			try {
				small.exec("INSERT INTO blobs VALUES (randomblob(8192))");
				written++;
			}
			catch (DormSqlException ex) {
				failure = ex;
			}
		}
		assertThat(failure).isNotNull();
		assertThat(failure.getSqliteMessage()).contains("full");
		assertThat(small.exec("SELECT count(*) FROM blobs").rows()).containsExactly(List.of((long) written));
	}

	@Test
	void jdbcTemplateTakesPartInSpringTransaction() {
		TransactionTemplate transactions = new TransactionTemplate(
				new DataSourceTransactionManager(this.acme.dataSource()));
		assertThatIllegalStateException().isThrownBy(() -> transactions.executeWithoutResult((status) -> {
			this.acme.jdbc().update("INSERT INTO todos (id, title, created_at) VALUES ('jdbc', 'j', 0)");
			insertTodos(this.acme, "exec");
			throw new IllegalStateException("roll back both");
		}));
		assertThat(count(this.acme)).isZero();
		transactions.executeWithoutResult((status) -> {
			this.acme.jdbc().update("INSERT INTO todos (id, title, created_at) VALUES ('jdbc', 'j', 0)");
			insertTodos(this.acme, "exec");
		});
		assertThat(count(this.acme)).isEqualTo(2);
	}

	@Test
	void readOnlySpringTransactionUsesReadOnlyConnection() {
		insertTodos(this.acme, "a");
		TransactionTemplate transactions = new TransactionTemplate(
				new DataSourceTransactionManager(this.acme.dataSource()));
		transactions.setReadOnly(true);
		Boolean readOnly = transactions
			.execute((status) -> this.acme.jdbc().execute((ConnectionCallback<Boolean>) Connection::isReadOnly));
		assertThat(readOnly).isTrue();
		assertThatExceptionOfType(Exception.class)
			.isThrownBy(
					() -> transactions.executeWithoutResult((status) -> this.acme.jdbc().update("DELETE FROM todos")))
			.withMessageContaining("readonly");
		assertThat(count(this.acme)).isEqualTo(1);
	}

	@Test
	void cachedStatementSeesSchemaChanges() {
		insertTodos(this.acme, "a");
		assertThat(this.acme.exec("SELECT * FROM todos").columns()).containsExactly("id", "title", "done",
				"created_at");
		this.acme.exec("ALTER TABLE todos ADD COLUMN note TEXT");
		assertThat(this.acme.exec("SELECT * FROM todos").columns()).containsExactly("id", "title", "done", "created_at",
				"note");
	}

	@Test
	void sameSqlInsideOpenCursorRunsOnItsOwnStatement() {
		insertNumbers(this.acme, 5);
		this.acme.transactionWithoutResult((db) -> {
			String sql = "SELECT n FROM numbers WHERE n >= ? ORDER BY n";
			db.exec(sql, 1);
			try (DormCursor<Long> cursor = db.stream(sql, (rs, row) -> rs.getLong(1), 1)) {
				List<Long> seen = new ArrayList<>();
				while (cursor.hasNext()) {
					seen.add(cursor.next());
					assertThat(db.exec(sql, 4).rows()).hasSize(2);
				}
				assertThat(seen).containsExactly(1L, 2L, 3L, 4L, 5L);
			}
		});
	}

	@Test
	void failedStatementIsNotReused() {
		String sql = "INSERT INTO todos (id, title, created_at) VALUES (?, 't', 0)";
		this.acme.exec(sql, "dup");
		assertThatExceptionOfType(DormSqlException.class).isThrownBy(() -> this.acme.exec(sql, "dup"));
		this.acme.exec(sql, "next");
		assertThat(count(this.acme)).isEqualTo(2);
	}

	@Test
	void execWorksWithoutStatementCache() {
		this.registry.settings.setStatementCacheSize(0);
		this.registry.close();
		this.acme = this.registry.database("tenant:acme");
		for (int i = 0; i < 3; i++) {
			insertTodos(this.acme, "id" + i);
		}
		assertThat(count(this.acme)).isEqualTo(3);
	}

	@Test
	void queryTimeoutStopsRunawayStatement() {
		DormDatabase limited = this.acme.withQueryTimeout(java.time.Duration.ofMillis(200));
		String endless = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c";
		assertThatExceptionOfType(StatementTimeoutException.class).isThrownBy(() -> limited.exec(endless))
			.satisfies((ex) -> {
				assertThat(ex.getDatabaseName()).isEqualTo("tenant:acme");
				assertThat(ex.getSql()).isEqualTo(endless);
				assertThat(ex.getMessage())
					.isEqualTo("Statement on database 'tenant:acme' was stopped after the query timeout of 200 ms");
			});
		assertThat(limited.exec("SELECT 1").rows()).containsExactly(List.of(1L));
		String finite = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 3000000) "
				+ "SELECT count(*) FROM c";
		assertThat(this.acme.exec(finite).rows()).containsExactly(List.of(3000000L));
	}

	@Test
	void queryTimeoutRollsBackStoppedWrite() {
		DormDatabase limited = this.acme.withQueryTimeout(java.time.Duration.ofMillis(200));
		assertThatExceptionOfType(StatementTimeoutException.class).isThrownBy(() -> limited
			.exec("INSERT INTO todos (id, title, created_at) WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL "
					+ "SELECT x + 1 FROM c) SELECT x, 't', 0 FROM c"));
		assertThat(count(this.acme)).isZero();
	}

	@Test
	void queryTimeoutOfCursorCountsOnlyTimeInSqlite() throws Exception {
		insertNumbers(this.acme, 3);
		DormDatabase limited = this.acme.withQueryTimeout(java.time.Duration.ofMillis(100));
		try (DormCursor<Long> cursor = limited.stream("SELECT n FROM numbers ORDER BY n", (rs, row) -> rs.getLong(1))) {
			List<Long> seen = new ArrayList<>();
			while (cursor.hasNext()) {
				seen.add(cursor.next());
				Thread.sleep(150);
			}
			assertThat(seen).containsExactly(1L, 2L, 3L);
		}
		String endless = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT x FROM c WHERE x <= 2";
		assertThatExceptionOfType(StatementTimeoutException.class)
			.isThrownBy(() -> limited.stream(endless + " AND x < 0"));
		try (DormCursor<Map<String, Object>> cursor = limited.stream(endless)) {
			assertThat(cursor.next()).containsEntry("x", 1L);
			assertThat(cursor.next()).containsEntry("x", 2L);
			assertThatExceptionOfType(StatementTimeoutException.class).isThrownBy(cursor::hasNext);
			assertThat(cursor.isClosed()).isTrue();
		}
	}

	@Test
	void execRejectsTransactionControl() {
		for (String sql : new String[] { "BEGIN", "begin immediate", "COMMIT", "END TRANSACTION", "ROLLBACK" }) {
			assertThatExceptionOfType(InvalidDataAccessApiUsageException.class).as(sql)
				.isThrownBy(() -> this.acme.exec(sql))
				.withMessageContaining("use DormDatabase.transaction(...)");
		}
		insertTodos(this.acme, "after");
		assertThat(count(this.acme)).isEqualTo(1);
	}

	@Test
	void savepointsWorkInsideTransaction() {
		this.acme.transactionWithoutResult((db) -> {
			insertTodos(db, "kept");
			db.exec("SAVEPOINT partial");
			insertTodos(db, "undone");
			db.exec("ROLLBACK TO partial");
			db.exec("RELEASE partial");
		});
		assertThat(this.acme.exec("SELECT id FROM todos").rows()).containsExactly(List.of("kept"));
	}

	@Test
	void valueOverMaxSizeFailsInsteadOfFillingHeap() {
		assertThatExceptionOfType(DormSqlException.class)
			.isThrownBy(() -> this.acme.exec("SELECT randomblob(100000000)"))
			.satisfies((ex) -> assertThat(ex.getSqliteMessage()).contains("too big"));
		assertThat(this.acme.exec("SELECT length(randomblob(1000000))").rows()).containsExactly(List.of(1000000L));
	}

	@Test
	void transactionThatCouldNotBeginLeavesWriterUsable() throws Exception {
		this.registry.settings.setBusyTimeout(java.time.Duration.ofMillis(50));
		this.registry.close();
		this.acme = this.registry.database("tenant:acme");
		insertTodos(this.acme, "before");
		try (Connection locker = java.sql.DriverManager
			.getConnection("jdbc:sqlite:" + this.directory.resolve("tenant/acme.db"));
				java.sql.Statement statement = locker.createStatement()) {
			statement.execute("BEGIN IMMEDIATE");
			assertThatExceptionOfType(DormSqlException.class)
				.isThrownBy(() -> this.acme.transactionWithoutResult((db) -> insertTodos(db, "blocked")));
			TransactionTemplate transactions = new TransactionTemplate(
					new DataSourceTransactionManager(this.acme.dataSource()));
			assertThatExceptionOfType(Exception.class).isThrownBy(
					() -> transactions.executeWithoutResult((status) -> this.acme.jdbc().update("DELETE FROM todos")));
			statement.execute("ROLLBACK");
		}
		insertTodos(this.acme, "after");
		assertThat(this.acme.exec("SELECT id FROM todos ORDER BY id").rows()).containsExactly(List.of("after"),
				List.of("before"));
		this.acme.transactionWithoutResult((db) -> insertTodos(db, "in transaction"));
		assertThat(count(this.acme)).isEqualTo(3);
	}

	private static long checkpoint(DormDatabase db) {
		return (Long) db.exec("PRAGMA wal_checkpoint(TRUNCATE)").rows().get(0).get(0);
	}

	private static DormResult insertTodos(DormDatabase db, String... ids) {
		StringBuilder sql = new StringBuilder("INSERT INTO todos (id, title, created_at) VALUES ");
		Object[] params = new Object[ids.length * 2];
		for (int i = 0; i < ids.length; i++) {
			sql.append((i > 0) ? ", " : "").append("(?, ?, 0)");
			params[2 * i] = ids[i];
			params[2 * i + 1] = "title " + ids[i];
		}
		return db.exec(sql.toString(), params);
	}

	private static void insertNumbers(DormDatabase db, int count) {
		db.exec("CREATE TABLE numbers (n INTEGER PRIMARY KEY)");
		db.exec("WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < ?) "
				+ "INSERT INTO numbers SELECT n FROM s", count);
	}

	private static long count(DormDatabase db) {
		return (Long) db.exec("SELECT count(*) FROM todos").rows().get(0).get(0);
	}

}
