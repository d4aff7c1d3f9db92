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

package dev.dorm.migration;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.dorm.DatabaseName;
import dev.dorm.DatabaseNotFoundException;
import dev.dorm.DormClient;
import dev.dorm.MigrationFailedException;
import dev.dorm.registry.DefaultDormClient;
import dev.dorm.registry.RegistrySettings;
import dev.dorm.registry.TenantDatabaseRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.io.DefaultResourceLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link BulkMigration}, {@link TenantDatabaseRegistry#migrate(DatabaseName)}
 * and {@link MigrationListener}.
 */
@ExtendWith(OutputCaptureExtension.class)
class BulkMigrationTests {

	private static final String NOTES = "CREATE TABLE notes (id INTEGER PRIMARY KEY AUTOINCREMENT, title TEXT NOT NULL)";

	private static final String[] REJECT_BAD_NOTES = {
			"CREATE TABLE checked_notes (id INTEGER PRIMARY KEY AUTOINCREMENT, "
					+ "title TEXT NOT NULL CHECK (title <> 'bad'))",
			"INSERT INTO checked_notes (id, title) SELECT id, title FROM notes", "DROP TABLE notes",
			"ALTER TABLE checked_notes RENAME TO notes" };

	@TempDir
	Path dataDirectory;

	private final List<String> events = new CopyOnWriteArrayList<>();

	private TenantDatabaseRegistry registry;

	private FlywayDatabaseInitializer initializer;

	private DormClient client;

	@AfterEach
	void close() {
		if (this.registry != null) {
			this.registry.close();
		}
	}

	/**
	 * Create databases {@code tenant:d00} and on at version 1, with a rejected note in
	 * the given ones, then start a registry whose migrations have version 2.
	 */
	private void startAfterUpgrade(int databases, Set<Integer> bad, MigrationListener listener) {
		start(SqlMigrations.forKind("tenant").version(1, NOTES), List.of());
		for (int i = 0; i < databases; i++) {
			this.client.database(name(i)).exec("INSERT INTO notes (title) VALUES (?)", bad.contains(i) ? "bad" : "ok");
		}
		this.registry.close();
		start(SqlMigrations.forKind("tenant").version(1, NOTES).version(2, REJECT_BAD_NOTES), List.of(listener));
	}

	private void start(SqlMigrations migrations, List<MigrationListener> listeners) {
		RegistrySettings settings = new RegistrySettings();
		settings.setDataDirectory(this.dataDirectory);
		settings.setMigrationRetryInterval(Duration.ofHours(1));
		MigrationSettings migrationSettings = new MigrationSettings();
		migrationSettings.setLocations(List.of());
		this.initializer = new FlywayDatabaseInitializer(new DefaultResourceLoader(), migrationSettings,
				List.of(migrations), List.of(), listeners);
		this.registry = new TenantDatabaseRegistry(settings, this.initializer);
		this.client = new DefaultDormClient(this.registry);
	}

	private static String name(int i) {
		return String.format("tenant:d%02d", i);
	}

	private MigrationListener recordingListener() {
		return new MigrationListener() {

			@Override
			public void migrated(DatabaseName name, @Nullable String fromVersion, @Nullable String toVersion,
					long nanos) {
				BulkMigrationTests.this.events
					.add("migrated " + name + " " + fromVersion + " " + toVersion + " timed=" + (nanos > 0));
			}

			@Override
			public void failed(DatabaseName name, MigrationFailedException failure, long nanos) {
				BulkMigrationTests.this.events
					.add("failed " + name + " " + failure.getVersion() + " timed=" + (nanos > 0));
			}

		};
	}

	@Test
	void migratesEveryDatabaseAndReportsFailures() throws Exception {
		startAfterUpgrade(30, Set.of(3, 20), recordingListener());
		BulkMigration.Report report = new BulkMigration(this.registry, 2).migrateAll("tenant");
		assertThat(report.kind()).isEqualTo("tenant");
		assertThat(report.databases()).isEqualTo(30);
		assertThat(report.migrated()).isEqualTo(28);
		assertThat(report.current()).isZero();
		assertThat(report.failed()).isEqualTo(2);
		assertThat(report.skipped()).isZero();
		assertThat(report.failures()).extracting(BulkMigration.Failure::database).containsExactly(name(3), name(20));
		assertThat(report.failures()).allSatisfy((failure) -> {
			assertThat(failure.version()).isEqualTo("2");
			assertThat(failure.currentVersion()).isEqualTo("1");
			assertThat(failure.error()).contains("CHECK constraint failed");
		});
		assertThat(this.events).hasSize(30)
			.contains("migrated " + name(0) + " 1 2 timed=true", "failed " + name(3) + " 2 timed=true",
					"failed " + name(20) + " 2 timed=true");
		assertThat(this.registry.getMigrationFailures()).containsOnlyKeys(DatabaseName.parse(name(3), "tenant"),
				DatabaseName.parse(name(20), "tenant"));
		assertThat(this.registry.getOpenCount()).isZero();
		int stamp = this.initializer.stamp("tenant");
		assertThat(userVersionInHeader(name(0))).isEqualTo(stamp);
		assertThat(userVersionInHeader(name(3))).isNotEqualTo(stamp);
		assertThatExceptionOfType(MigrationFailedException.class)
			.isThrownBy(() -> this.client.database(name(3)).exec("SELECT 1"));
	}

	@Test
	void failedDatabaseIsRetriedAtOnce() throws Exception {
		startAfterUpgrade(3, Set.of(1), recordingListener());
		assertThatExceptionOfType(MigrationFailedException.class)
			.isThrownBy(() -> this.client.database(name(1)).exec("SELECT 1"));
		Path file = this.registry.files().file(DatabaseName.parse(name(1), "tenant"));
		try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
				Statement statement = connection.createStatement()) {
			statement.executeUpdate("UPDATE notes SET title = 'fixed'");
		}
		BulkMigration.Report report = new BulkMigration(this.registry, 2).migrateAll("tenant");
		assertThat(report.migrated()).isEqualTo(3);
		assertThat(report.failed()).isZero();
		assertThat(this.registry.getMigrationFailures()).isEmpty();
		assertThat(this.client.database(name(1)).exec("SELECT title FROM notes").rows())
			.containsExactly(List.of("fixed"));
	}

	@Test
	void openDatabasesCountAsCurrentAndStayOpen() {
		startAfterUpgrade(4, Set.of(), recordingListener());
		this.client.database(name(0)).exec("SELECT 1");
		this.client.database(name(1)).exec("SELECT 1");
		BulkMigration.Report report = new BulkMigration(this.registry, 2).migrateAll("tenant");
		assertThat(report.migrated()).isEqualTo(2);
		assertThat(report.current()).isEqualTo(2);
		assertThat(this.registry.getOpenCount()).isEqualTo(2);
		assertThat(this.registry.isOpen(DatabaseName.parse(name(0), "tenant"))).isTrue();
		assertThat(this.registry.isOpen(DatabaseName.parse(name(2), "tenant"))).isFalse();
		BulkMigration.Report again = new BulkMigration(this.registry, 2).migrateAll("tenant");
		assertThat(again.migrated()).isZero();
		assertThat(again.current()).isEqualTo(4);
	}

	@Test
	void databasesOfSameKindServeCallsMeanwhile() throws Exception {
		startAfterUpgrade(40, Set.of(), recordingListener());
		AtomicBoolean migrating = new AtomicBoolean(true);
		ExecutorService traffic = Executors.newFixedThreadPool(2);
		try {
			List<Future<Integer>> callers = new ArrayList<>();
			for (int caller = 0; caller < 2; caller++) {
				int offset = caller;
				callers.add(traffic.submit(() -> {
					int calls = 0;
					long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
					while (migrating.get() && System.nanoTime() < deadline) {
						String name = name((offset + 2 * calls) % 40);
						this.client.database(name).exec("INSERT INTO notes (title) VALUES ('during')");
						calls++;
					}
					return calls;
				}));
			}
			BulkMigration.Report report = new BulkMigration(this.registry, 2).migrateAll("tenant");
			migrating.set(false);
			assertThat(report.failed()).isZero();
			assertThat(report.migrated() + report.current()).isEqualTo(40);
			for (Future<Integer> caller : callers) {
				assertThat(caller.get(60, TimeUnit.SECONDS)).isPositive();
			}
		}
		finally {
			migrating.set(false);
			traffic.shutdownNow();
		}
		assertThat(this.events).hasSize(40).allMatch((event) -> event.startsWith("migrated "));
		for (int i = 0; i < 40; i++) {
			assertThat(this.client.database(name(i))
				.exec("SELECT sql FROM sqlite_schema WHERE name = 'notes'")
				.one()
				.map((row) -> row.get("sql").toString())).as(name(i))
				.hasValueSatisfying((sql) -> assertThat(sql).contains("CHECK (title <> 'bad')"));
		}
	}

	@Test
	void concurrentRunOfSameKindIsRejected() throws Exception {
		CountDownLatch blocked = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		startAfterUpgrade(2, Set.of(), blockingListener(blocked, release));
		BulkMigration migration = new BulkMigration(this.registry, 1);
		ExecutorService first = Executors.newSingleThreadExecutor();
		try {
			Future<BulkMigration.Report> report = first.submit(() -> migration.migrateAll("tenant"));
			assertThat(blocked.await(30, TimeUnit.SECONDS)).isTrue();
			assertThatIllegalStateException().isThrownBy(() -> migration.migrateAll("tenant"))
				.withMessage("The databases of kind 'tenant' are already being migrated; "
						+ "wait for that migration to finish");
			release.countDown();
			assertThat(report.get(30, TimeUnit.SECONDS).migrated()).isEqualTo(2);
		}
		finally {
			release.countDown();
			first.shutdownNow();
		}
	}

	@Test
	void databaseDeletedBeforeItsTurnIsSkipped() throws Exception {
		CountDownLatch blocked = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		startAfterUpgrade(3, Set.of(), blockingListener(blocked, release));
		ExecutorService first = Executors.newSingleThreadExecutor();
		try {
			Future<BulkMigration.Report> report = first
				.submit(() -> new BulkMigration(this.registry, 1).migrateAll("tenant"));
			assertThat(blocked.await(30, TimeUnit.SECONDS)).isTrue();
			assertThat(this.client.delete(name(2))).isTrue();
			release.countDown();
			BulkMigration.Report done = report.get(30, TimeUnit.SECONDS);
			assertThat(done.migrated()).isEqualTo(2);
			assertThat(done.skipped()).isEqualTo(1);
			assertThat(this.client.exists(name(2))).isFalse();
		}
		finally {
			release.countDown();
			first.shutdownNow();
		}
	}

	@Test
	void progressIsLoggedAtInterval(CapturedOutput output) {
		CountDownLatch release = new CountDownLatch(1);
		startAfterUpgrade(2, Set.of(), blockingListener(new CountDownLatch(1), release));
		Thread releaser = new Thread(() -> {
			try {
				Thread.sleep(300);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			release.countDown();
		});
		releaser.start();
		new BulkMigration(this.registry, 1, Duration.ofMillis(50)).migrateAll("tenant");
		assertThat(output).contains("Migrating 2 databases of kind 'tenant' with 1 threads")
			.contains("Migrating the databases of kind 'tenant': 0 of 2 done, 0 migrated, 0 already current, 0 failed")
			.contains("Migrated the databases of kind 'tenant' in ")
			.contains("2 migrated, 0 already current, 0 failed, 0 deleted meanwhile");
	}

	@Test
	void migrateOfMissingDatabaseIsRejected() {
		start(SqlMigrations.forKind("tenant").version(1, NOTES), List.of());
		assertThatExceptionOfType(DatabaseNotFoundException.class)
			.isThrownBy(() -> this.registry.migrate(DatabaseName.parse("tenant:missing", "tenant")));
		assertThat(this.client.exists("tenant:missing")).isFalse();
	}

	@Test
	void kindWithoutMigrationsHasNone() {
		start(SqlMigrations.forKind("tenant").version(1, NOTES), List.of());
		assertThat(this.initializer.hasMigrations("tenant")).isTrue();
		assertThat(this.initializer.hasMigrations("other")).isFalse();
		assertThat(this.initializer.stamp("other")).isNotZero().isNotEqualTo(this.initializer.stamp("tenant"));
	}

	/**
	 * Return a listener that blocks the first migration until released.
	 */
	private MigrationListener blockingListener(CountDownLatch blocked, CountDownLatch release) {
		AtomicBoolean first = new AtomicBoolean(true);
		return new MigrationListener() {

			@Override
			public void migrated(DatabaseName name, @Nullable String fromVersion, @Nullable String toVersion,
					long nanos) {
				if (first.compareAndSet(true, false)) {
					blocked.countDown();
					try {
						release.await(30, TimeUnit.SECONDS);
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
				}
			}

		};
	}

	private int userVersionInHeader(String name) throws Exception {
		Path file = this.registry.files().file(DatabaseName.parse(name, "tenant"));
		return ByteBuffer.wrap(Files.readAllBytes(file)).getInt(60);
	}

}
