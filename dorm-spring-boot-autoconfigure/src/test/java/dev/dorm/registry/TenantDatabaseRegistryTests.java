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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import dev.dorm.DatabaseName;
import dev.dorm.DatabaseNotFoundException;
import dev.dorm.DormClient;
import dev.dorm.DormCursor;
import dev.dorm.DormDatabase;
import dev.dorm.InvalidDatabaseNameException;
import dev.dorm.UnknownDatabaseKindException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link TenantDatabaseRegistry}.
 */
class TenantDatabaseRegistryTests {

	@TempDir
	Path root;

	private Path dataDirectory;

	private TestRegistry registry;

	@BeforeEach
	void setUp() {
		this.dataDirectory = this.root.resolve("data");
		this.registry = new TestRegistry(this.dataDirectory);
	}

	@AfterEach
	void tearDown() {
		this.registry.close();
	}

	@ParameterizedTest
	@ValueSource(booleans = { true, false })
	void concurrentFirstUseCreatesAndMigratesOnce(boolean useTemplates) throws Exception {
		this.registry.migrationSettings.setUseTemplates(useTemplates);
		AtomicLong flywayRuns = new AtomicLong();
		this.registry.customizers
			.add((kind, configuration) -> configuration.callbacks(new CountingCallback(flywayRuns)));
		int threads = 64;
		CyclicBarrier start = new CyclicBarrier(threads);
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		try {
			List<Future<?>> futures = new ArrayList<>();
			for (int i = 0; i < threads; i++) {
				int id = i;
				futures.add(executor.submit(() -> {
					start.await();
					this.registry.database("tenant:new")
						.exec("INSERT INTO todos (id, title, created_at) VALUES (?, 't', 0)", "todo-" + id);
					return null;
				}));
			}
			for (Future<?> future : futures) {
				future.get(60, TimeUnit.SECONDS);
			}
		}
		finally {
			executor.shutdownNow();
		}
		DormDatabase database = this.registry.database("tenant:new");
		assertThat(database.exec("SELECT count(*) FROM todos").rows()).containsExactly(List.of(64L));
		assertThat(database.exec("SELECT version, count(*) FROM flyway_schema_history GROUP BY version").rows())
			.containsExactly(List.of("1", 1L));
		assertThat(flywayRuns).hasValue(1);
		assertThat(databaseFiles("tenant")).containsExactly("new.db");
	}

	@Test
	void maxOpenBoundsOpenDatabasesFileDescriptorsAndThreads() throws Exception {
		this.registry.settings.setMaxOpen(50);
		DormClient client = this.registry.client();
		client.database("tenant:warm-up").exec("SELECT count(*) FROM todos");
		long descriptorsBefore = openFileDescriptors();
		int threadsBefore = Thread.activeCount();
		long maxDescriptors = 0;
		int maxThreads = 0;
		for (int i = 0; i < 2000; i++) {
			client.database("tenant:t" + i).exec("INSERT INTO todos (id, title, created_at) VALUES ('x', 't', 0)");
			assertThat(this.registry.registry().getOpenCount()).isLessThanOrEqualTo(50);
			if (i % 50 == 0) {
				maxDescriptors = Math.max(maxDescriptors, openFileDescriptors());
				maxThreads = Math.max(maxThreads, Thread.activeCount());
			}
		}
		assertThat(this.registry.registry().getPeakOpenCount()).isEqualTo(50);
		assertThat(this.registry.registry().getEvictions()).isGreaterThanOrEqualTo(2000 - 50);
		// Each open database holds 3 descriptors (file, WAL, shared memory); 10 more for
		// the lock file, templates and jar files the JVM opens lazily
		assertThat(maxDescriptors).isLessThanOrEqualTo(descriptorsBefore + 3 * 50 + 10);
		assertThat(maxThreads).isLessThanOrEqualTo(threadsBefore + 1);
		assertThat(client.list("tenant")).hasSize(2001);
	}

	@Test
	void idleDatabaseIsClosed() throws Exception {
		this.registry.settings.setIdleTimeout(Duration.ofMillis(200));
		DatabaseName name = this.registry.client().parseName("tenant:idle");
		this.registry.database("tenant:idle").exec("SELECT 1");
		assertThat(this.registry.registry().isOpen(name)).isTrue();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (this.registry.registry().isOpen(name) && System.nanoTime() < deadline) {
			Thread.sleep(50);
		}
		assertThat(this.registry.registry().isOpen(name)).isFalse();
		assertThat(Files.exists(this.dataDirectory.resolve("tenant/idle.db-wal"))).isFalse();
		assertThat(this.registry.database("tenant:idle").exec("SELECT 1").rows()).hasSize(1);
	}

	@Test
	void closeOfIdleDatabaseReopensOnNextUse() {
		DatabaseName name = this.registry.client().parseName("tenant:closed");
		DormDatabase database = this.registry.database("tenant:closed");
		database.exec("INSERT INTO todos (id, title, created_at) VALUES ('1', 't', 0)");
		assertThat(this.registry.registry().close(name)).isTrue();
		assertThat(this.registry.registry().isOpen(name)).isFalse();
		assertThat(this.registry.registry().close(name)).isFalse();
		assertThat(database.exec("SELECT count(*) FROM todos").rows()).containsExactly(List.of(1L));
		assertThat(this.registry.registry().isOpen(name)).isTrue();
	}

	@Test
	void closeLeavesDatabaseInUseOpen() {
		DatabaseName name = this.registry.client().parseName("tenant:busy");
		DormDatabase database = this.registry.database("tenant:busy");
		try (DormCursor<?> cursor = database.stream("SELECT 1")) {
			assertThat(this.registry.registry().close(name)).isFalse();
			assertThat(this.registry.registry().isOpen(name)).isTrue();
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "", ":", "tenant:", ":acme", "../etc", "tenant:../../etc/passwd", "tenant:..", "tenant:.",
			"tenant:a/b", "tenant:a\\b", "tenant:/abs", "tenant:C:\\x", "tenant:%2e%2e", "tenant:a b",
			"tenant:a\u0000b", "tenant:a\nb", "tenant:a\u202eb", "tenant:caf\u00e9", "tenant:a:b", "Tenant:acme",
			"tenant:-acme", "tenant:acme.", "tenant:.hidden", "tenant:con", "tenant:NUL.txt", "tenant:lpt1",
			"../tenant:acme", "ten/ant:acme", "tenant:\u2024\u2024" })
	void hostileNameIsRejectedAndCreatesNothing(String name) throws IOException {
		DormClient client = this.registry.client();
		Set<String> before = allFiles(this.root);
		assertThatExceptionOfType(InvalidDatabaseNameException.class).isThrownBy(() -> client.database(name))
			.satisfies((ex) -> assertThat(ex.getMessage()).startsWith("Invalid database name '"));
		assertThat(allFiles(this.root)).isEqualTo(before);
	}

	@Test
	void overlongKeyIsRejectedWithItsLength() {
		String name = "tenant:" + "a".repeat(121);
		assertThatExceptionOfType(InvalidDatabaseNameException.class)
			.isThrownBy(() -> this.registry.client().database(name))
			.withMessageContaining("at most 120 characters long, but has 121")
			.withMessageContaining("(128 characters)");
	}

	@Test
	void longestKeyFitsInAFileName() {
		String key = "A_".repeat(59) + "AB";
		this.registry.database("tenant:" + key).exec("SELECT 1");
		assertThat(this.registry.client().list("tenant")).extracting(DatabaseName::key).containsExactly(key);
	}

	@Test
	void unknownKindIsRejected() {
		assertThatExceptionOfType(UnknownDatabaseKindException.class)
			.isThrownBy(() -> this.registry.client().database("user:42"))
			.withMessage("Unknown database kind 'user' in 'user:42'; declare it under 'dorm.kinds.user' "
					+ "or use one of [tenant]");
		assertThat(this.dataDirectory.resolve("user")).doesNotExist();
	}

	@Test
	void namesDifferingOnlyByCaseUseDistinctFiles() throws IOException {
		DormClient client = this.registry.client();
		for (String key : new String[] { "acme", "Acme", "ACME", "a_cme" }) {
			client.database(key).exec("INSERT INTO todos (id, title, created_at) VALUES (?, 't', 0)", key);
		}
		assertThat(databaseFiles("tenant")).containsExactlyInAnyOrder("acme.db", "_acme.db", "_a_c_m_e.db",
				"a__cme.db");
		Set<String> lowercased = new TreeSet<>();
		databaseFiles("tenant").forEach((file) -> lowercased.add(file.toLowerCase()));
		assertThat(lowercased).hasSize(4);
		assertThat(client.database("Acme").exec("SELECT id FROM todos").rows()).containsExactly(List.of("Acme"));
		assertThat(client.list("tenant")).extracting(DatabaseName::toString)
			.containsExactly("tenant:ACME", "tenant:Acme", "tenant:a_cme", "tenant:acme");
	}

	@Test
	void bareKeyBelongsToDefaultKind() {
		this.registry.database("acme").exec("INSERT INTO todos (id, title, created_at) VALUES ('1', 't', 0)");
		assertThat(this.registry.database("tenant:acme").exec("SELECT count(*) FROM todos").rows())
			.containsExactly(List.of(1L));
	}

	@Test
	void dataSurvivesRestart() {
		this.registry.database("tenant:acme").exec("INSERT INTO todos (id, title, created_at) VALUES ('1', 't', 0)");
		this.registry.close();
		assertThat(this.registry.database("tenant:acme").exec("SELECT id FROM todos").rows())
			.containsExactly(List.of("1"));
	}

	@Test
	void existsSizeAndListCreateNothing() throws IOException {
		DormClient client = this.registry.client();
		assertThat(client.exists("tenant:ghost")).isFalse();
		assertThat(client.size("tenant:ghost")).isZero();
		assertThat(client.list("tenant")).isEmpty();
		assertThat(allFiles(this.root)).isEmpty();
		client.database("tenant:real").exec("SELECT 1");
		assertThat(client.exists("tenant:real")).isTrue();
		assertThat(client.size("tenant:real")).isGreaterThan(0);
		assertThat(client.list("tenant")).extracting(DatabaseName::toString).containsExactly("tenant:real");
	}

	@Test
	void deleteRemovesFilesAndNextUseStartsEmpty() throws IOException {
		DormClient client = this.registry.client();
		client.database("tenant:gone").exec("INSERT INTO todos (id, title, created_at) VALUES ('1', 't', 0)");
		assertThat(client.delete("tenant:gone")).isTrue();
		assertThat(databaseFiles("tenant")).noneMatch((file) -> file.startsWith("gone.db"));
		assertThat(client.delete("tenant:gone")).isFalse();
		assertThat(client.database("tenant:gone").exec("SELECT count(*) FROM todos").rows())
			.containsExactly(List.of(0L));
	}

	@Test
	void backupOfMissingDatabaseFails() {
		assertThatExceptionOfType(DatabaseNotFoundException.class)
			.isThrownBy(() -> this.registry.client().backup("tenant:ghost", this.root.resolve("ghost.db")));
		assertThat(this.dataDirectory.resolve("tenant/ghost.db")).doesNotExist();
	}

	@Test
	void backupWhileWritingHoldsEveryRowCommittedBeforeIt() throws Exception {
		DormDatabase database = this.registry.database("tenant:busy");
		database.exec("CREATE TABLE events (id INTEGER PRIMARY KEY, payload TEXT)");
		AtomicBoolean writing = new AtomicBoolean(true);
		AtomicLong committed = new AtomicLong();
		ExecutorService writer = Executors.newSingleThreadExecutor();
		Future<?> writes = writer.submit(() -> {
			while (writing.get()) {
				database.exec("INSERT INTO events (payload) VALUES (randomblob(512))");
				committed.incrementAndGet();
			}
		});
		try {
			while (committed.get() < 2000) {
				Thread.sleep(10);
			}
			long committedBefore = committed.get();
			Path backup = this.root.resolve("backup/busy.db");
			Files.createDirectories(backup.getParent());
			this.registry.client().backup("tenant:busy", backup);
			writing.set(false);
			writes.get(30, TimeUnit.SECONDS);
			try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + backup);
					Statement statement = connection.createStatement()) {
				assertThat(queryString(statement, "PRAGMA integrity_check")).isEqualTo("ok");
				long rows = queryLong(statement, "SELECT count(*) FROM events");
				assertThat(rows).isGreaterThanOrEqualTo(committedBefore);
				assertThat(queryLong(statement, "SELECT max(id) FROM events")).isEqualTo(rows);
			}
			assertThat(committed.get()).isGreaterThan(committedBefore);
		}
		finally {
			writing.set(false);
			writer.shutdownNow();
		}
	}

	private static String queryString(Statement statement, String sql) throws SQLException {
		try (ResultSet result = statement.executeQuery(sql)) {
			result.next();
			return result.getString(1);
		}
	}

	private static long queryLong(Statement statement, String sql) throws SQLException {
		try (ResultSet result = statement.executeQuery(sql)) {
			result.next();
			return result.getLong(1);
		}
	}

	private List<String> databaseFiles(String kind) throws IOException {
		try (Stream<Path> files = Files.list(this.dataDirectory.resolve(kind))) {
			return files.map((file) -> file.getFileName().toString())
				.filter((file) -> file.endsWith(".db") && !file.startsWith("."))
				.sorted()
				.toList();
		}
	}

	private static Set<String> allFiles(Path directory) throws IOException {
		try (Stream<Path> files = Files.walk(directory)) {
			return files.filter(Files::isRegularFile).map(Path::toString).collect(TreeSet::new, Set::add, Set::addAll);
		}
	}

	private static long openFileDescriptors() throws IOException {
		try (Stream<Path> descriptors = Files.list(Path.of("/proc/self/fd"))) {
			return descriptors.count();
		}
	}

}
