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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import javax.sql.DataSource;

import dev.dorm.DatabaseName;
import dev.dorm.DormDatabase;
import dev.dorm.TenantContext;
import dev.dorm.registry.DatabaseFiles;
import dev.dorm.tenant.TenantRoutingDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for mirroring, against the dorm-spring database {@code aggregate:main} and
 * against a real PostgreSQL server.
 */
@ExtendWith(OutputCaptureExtension.class)
class MirrorTests {

	private static EmbeddedPostgres postgres;

	private static int databases;

	@TempDir
	Path root;

	private MirrorHarness harness;

	private final List<String> events = new CopyOnWriteArrayList<>();

	enum Target {

		SQLITE, POSTGRESQL

	}

	@BeforeAll
	static void startPostgres() throws IOException {
		postgres = EmbeddedPostgres.builder().start();
	}

	@AfterAll
	static void stopPostgres() throws IOException {
		postgres.close();
	}

	@AfterEach
	void close() {
		if (this.harness != null) {
			this.harness.close();
		}
		TenantContext.clear();
	}

	private MirrorHarness start(Target target) throws Exception {
		return start(target, MirrorHarness.fastRetries());
	}

	private MirrorHarness start(Target target, RelaySettings settings) throws Exception {
		DataSource dataSource = (target == Target.POSTGRESQL) ? newPostgresDatabase() : null;
		this.harness = new MirrorHarness(this.root.resolve("data"), dataSource, settings, new MirrorListener() {

			@Override
			public void parked(DatabaseName tenant, OutboxRecord record) {
				MirrorTests.this.events.add("parked " + tenant + " " + record.id());
			}

			@Override
			public void failed(DatabaseName tenant, boolean targetReachable, Exception ex) {
				MirrorTests.this.events.add("failed " + tenant + " reachable=" + targetReachable);
			}

		});
		return this.harness;
	}

	static synchronized DataSource newPostgresDatabase() throws Exception {
		String name = "mirror_" + (++databases);
		try (Connection connection = postgres.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE " + name);
		}
		return postgres.getDatabase("postgres", name);
	}

	@ParameterizedTest
	@EnumSource(Target.class)
	void equalKeysOfTwoTenantsBothArrive(Target target) throws Exception {
		MirrorHarness harness = start(target);
		for (String tenant : new String[] { "a", "b" }) {
			DormDatabase database = harness.client.database("tenant:" + tenant);
			for (int i = 0; i < 5; i++) {
				database.exec("INSERT INTO notes (title) VALUES (?)", tenant + i);
			}
		}
		harness.awaitDrained(Duration.ofSeconds(20));
		assertThat(harness.mirror("SELECT dorm_tenant, id, title FROM notes ORDER BY dorm_tenant, id")).containsExactly(
				List.of("tenant:a", 1L, "a0"), List.of("tenant:a", 2L, "a1"), List.of("tenant:a", 3L, "a2"),
				List.of("tenant:a", 4L, "a3"), List.of("tenant:a", 5L, "a4"), List.of("tenant:b", 1L, "b0"),
				List.of("tenant:b", 2L, "b1"), List.of("tenant:b", 3L, "b2"), List.of("tenant:b", 4L, "b3"),
				List.of("tenant:b", 5L, "b4"));
	}

	@ParameterizedTest
	@EnumSource(Target.class)
	void failedTransactionLeavesNoTrace(Target target) throws Exception {
		MirrorHarness harness = start(target);
		DormDatabase database = harness.client.database("tenant:tx");
		database.exec("INSERT INTO notes (title) VALUES ('kept')");
		assertThatIllegalStateException().isThrownBy(() -> database.transactionWithoutResult((tx) -> {
			tx.exec("INSERT INTO notes (title) VALUES ('first')");
			tx.exec("INSERT INTO notes (title) VALUES ('second')");
			throw new IllegalStateException("rolled back");
		}));
		database.exec("INSERT INTO notes (title) VALUES ('after')");
		harness.awaitDrained(Duration.ofSeconds(20));
		assertThat(harness.mirror("SELECT title FROM notes ORDER BY id")).containsExactly(List.of("kept"),
				List.of("after"));
	}

	@ParameterizedTest
	@EnumSource(Target.class)
	void updatesKeyChangesAndDeletesFollow(Target target) throws Exception {
		MirrorHarness harness = start(target);
		DormDatabase database = harness.client.database("tenant:changes");
		database.exec("INSERT INTO notes (id, title) VALUES (1, 'one'), (2, 'two'), (3, 'three')");
		database.exec("UPDATE notes SET title = 'uno' WHERE id = 1");
		database.exec("UPDATE notes SET id = 20 WHERE id = 2");
		database.exec("DELETE FROM notes WHERE id = 3");
		harness.awaitDrained(Duration.ofSeconds(20));
		assertThat(harness.mirror("SELECT id, title FROM notes ORDER BY id")).containsExactly(List.of(1L, "uno"),
				List.of(20L, "two"));
	}

	@ParameterizedTest
	@EnumSource(Target.class)
	void valuesOfEveryTypeArriveUnchanged(Target target) throws Exception {
		MirrorHarness harness = start(target);
		DormDatabase database = harness.client.database("tenant:types");
		database.exec("INSERT INTO notes (id, title, data, score) VALUES (?, ?, ?, ?)", 9007199254740993L,
				"quote ' \" and \u00e9\u4e2d", new byte[] { 0, 1, (byte) 255 }, 0.1);
		database.exec("INSERT INTO notes (id, title, data, score) VALUES (2, 'nulls', NULL, NULL)");
		harness.awaitDrained(Duration.ofSeconds(20));
		List<List<Object>> rows = harness.mirror("SELECT id, title, data, score FROM notes ORDER BY id");
		assertThat(rows.get(0)).containsExactly(2L, "nulls", null, null);
		assertThat(rows.get(1).get(0)).isEqualTo(9007199254740993L);
		assertThat(rows.get(1).get(1)).isEqualTo("quote ' \" and \u00e9\u4e2d");
		assertThat((byte[]) rows.get(1).get(2)).containsExactly(0, 1, 255);
		assertThat(rows.get(1).get(3)).isEqualTo(0.1);
	}

	@ParameterizedTest
	@EnumSource(Target.class)
	void tableWithoutPrimaryKeyIsKeyedByRowid(Target target) throws Exception {
		MirrorHarness harness = start(target);
		DormDatabase database = harness.client.database("tenant:tags");
		database.exec("INSERT INTO tags (name, note_id) VALUES ('red', 1), ('red', 1)");
		database.exec("DELETE FROM tags WHERE rowid = 1");
		harness.awaitDrained(Duration.ofSeconds(20));
		assertThat(harness.mirror("SELECT dorm_rowid, name, note_id FROM tags"))
			.containsExactly(List.of(2L, "red", 1L));
	}

	@ParameterizedTest
	@EnumSource(Target.class)
	void writesWithoutMirrorAreSkipped(Target target) throws Exception {
		MirrorHarness harness = start(target);
		DormDatabase database = harness.client.database("tenant:skip");
		database.withoutMirror().exec("INSERT INTO notes (title) VALUES ('skipped')");
		database.withoutMirror().transactionWithoutResult((tx) -> tx.exec("INSERT INTO notes (title) VALUES ('also')"));
		database.withoutMirror().jdbc().update("INSERT INTO notes (title) VALUES ('jdbc skipped')");
		database.exec("INSERT INTO notes (title) VALUES ('mirrored')");
		harness.awaitDrained(Duration.ofSeconds(20));
		assertThat(harness.mirror("SELECT title FROM notes")).containsExactly(List.of("mirrored"));
		assertThat(database.exec("SELECT count(*) FROM notes").rows()).containsExactly(List.of(4L));
	}

	@ParameterizedTest
	@EnumSource(Target.class)
	void everyWritePathIsMirrored(Target target) throws Exception {
		MirrorHarness harness = start(target);
		DormDatabase database = harness.client.database("tenant:paths");
		database.exec("INSERT INTO notes (title) VALUES ('exec')");
		database.jdbc().update("INSERT INTO notes (title) VALUES ('jdbc')");
		database.transactionWithoutResult((tx) -> tx.exec("INSERT INTO notes (title) VALUES ('transaction')"));
		TenantRoutingDataSource routing = new TenantRoutingDataSource(harness.client);
		MirroringJdbcTemplate mirroring = new MirroringJdbcTemplate(routing, harness.client,
				harness.capture::isMirrored);
		TenantContext.run("paths", () -> {
			new JdbcTemplate(routing).update("INSERT INTO notes (title) VALUES ('routing')");
			mirroring.update("INSERT INTO notes (title) VALUES ('mirroring template')");
		});
		harness.awaitDrained(Duration.ofSeconds(20));
		assertThat(harness.mirror("SELECT title FROM notes ORDER BY id")).containsExactly(List.of("exec"),
				List.of("jdbc"), List.of("transaction"), List.of("routing"), List.of("mirroring template"));
	}

	@ParameterizedTest
	@EnumSource(Target.class)
	void mirroringTemplateRejectsUnmirroredKind(Target target) throws Exception {
		MirrorHarness harness = start(target);
		MirroringJdbcTemplate mirroring = new MirroringJdbcTemplate(new TenantRoutingDataSource(harness.client),
				harness.client, harness.capture::isMirrored);
		assertThatExceptionOfType(Exception.class)
			.isThrownBy(() -> TenantContext.run("aggregate:main", () -> mirroring.update("SELECT 1")))
			.havingRootCause()
			.withMessageContaining("which has no mirror");
	}

	@ParameterizedTest
	@EnumSource(Target.class)
	void mirrorFollowsNewColumns(Target target) throws Exception {
		MirrorHarness harness = start(target);
		DormDatabase database = harness.client.database("tenant:schema");
		database.exec("INSERT INTO notes (title) VALUES ('before')");
		harness.awaitDrained(Duration.ofSeconds(20));
		database.exec("ALTER TABLE notes ADD COLUMN priority INTEGER");
		database.exec("INSERT INTO notes (title, priority) VALUES ('after', 7)");
		database.exec("ALTER TABLE notes DROP COLUMN score");
		database.exec("INSERT INTO notes (title, priority) VALUES ('dropped', 8)");
		harness.awaitDrained(Duration.ofSeconds(20));
		assertThat(harness.mirror("SELECT title, priority FROM notes ORDER BY id"))
			.containsExactly(Arrays.asList("before", null), List.of("after", 7L), List.of("dropped", 8L));
	}

	@ParameterizedTest
	@EnumSource(Target.class)
	void hostileTableAndColumnNamesAreMirrored(Target target) throws Exception {
		MirrorHarness harness = start(target);
		DormDatabase database = harness.client.database("tenant:hostile");
		database.exec("CREATE TABLE \"we\"\"ird 'table;\" (\"co\"\"l\" TEXT PRIMARY KEY, \"select\" TEXT)");
		database.exec("INSERT INTO \"we\"\"ird 'table;\" VALUES ('k''1', 'v\"')");
		harness.awaitDrained(Duration.ofSeconds(20));
		assertThat(harness.mirror("SELECT \"co\"\"l\", \"select\" FROM \"we\"\"ird 'table;\""))
			.containsExactly(List.of("k'1", "v\""));
	}

	@ParameterizedTest
	@EnumSource(Target.class)
	void rejectedChangeIsParkedAndLaterChangesArrive(Target target, CapturedOutput output) throws Exception {
		MirrorHarness harness = start(target);
		DormDatabase database = harness.client.database("tenant:parks");
		database.exec("INSERT INTO notes (title) VALUES ('first')");
		harness.awaitDrained(Duration.ofSeconds(20));
		if (target == Target.SQLITE) {
			harness.mirrorExecute("CREATE TRIGGER no_poison BEFORE INSERT ON notes WHEN NEW.title = 'poison' "
					+ "BEGIN SELECT RAISE(ABORT, 'poison rejected'); END");
		}
		else {
			harness.mirrorExecute("ALTER TABLE notes ADD CONSTRAINT no_poison CHECK (title <> 'poison')");
		}
		database.exec("INSERT INTO notes (title) VALUES ('poison')");
		database.exec("INSERT INTO notes (title) VALUES ('after')");
		harness.awaitDrained(Duration.ofSeconds(20));
		assertThat(harness.mirror("SELECT title FROM notes ORDER BY id")).containsExactly(List.of("first"),
				List.of("after"));
		assertThat(database.exec("SELECT table_name, attempts FROM _dorm_outbox_parked").rows())
			.containsExactly(List.of("notes", 3L));
		assertThat(database.exec("SELECT error FROM _dorm_outbox_parked").rows().get(0).get(0).toString())
			.contains("poison");
		assertThat(harness.relay.status().parkedRecords()).containsEntry("tenant:parks", 1L);
		assertThat(this.events).contains("parked tenant:parks 2");
		assertThat(output).containsOnlyOnce("rejected change 2 of table 'notes' of database 'tenant:parks'");
	}

	@ParameterizedTest
	@EnumSource(Target.class)
	void writesSucceedWhileMirrorIsUnavailable(Target target) throws Exception {
		RelaySettings settings = MirrorHarness.fastRetries();
		settings.setMaxAttempts(2);
		MirrorHarness harness = start(target, settings);
		DormDatabase database = harness.client.database("tenant:outage");
		database.exec("INSERT INTO notes (title) VALUES ('before')");
		harness.awaitDrained(Duration.ofSeconds(20));
		try (Outage outage = (target == Target.SQLITE) ? lockAggregate() : blockPostgres(harness)) {
			for (int i = 0; i < 20; i++) {
				database.exec("INSERT INTO notes (title) VALUES (?)", "during " + i);
			}
			Thread.sleep(1500);
			assertThat(harness.pendingRecords()).isEqualTo(20);
			MirrorStatus status = harness.relay.status();
			assertThat(status.pendingDatabases()).isEqualTo(1);
			assertThat(status.lagMillis()).isGreaterThan(500);
			assertThat(status.totalParkedRecords()).isZero();
			assertThat(this.events).contains("failed tenant:outage reachable=false");
		}
		harness.awaitDrained(Duration.ofSeconds(30));
		assertThat(harness.mirror("SELECT count(*) FROM notes")).containsExactly(List.of(21L));
		assertThat(harness.relay.status().lagMillis()).isZero();
	}

	@ParameterizedTest
	@EnumSource(Target.class)
	void deletedDatabaseIsNotCreatedAgainByRelay(Target target) throws Exception {
		MirrorHarness harness = start(target);
		DormDatabase database = harness.client.database("tenant:gone");
		database.exec("INSERT INTO notes (title) VALUES ('one')");
		harness.awaitDrained(Duration.ofSeconds(20));
		assertThat(harness.client.delete("tenant:gone")).isTrue();
		harness.relay.markDirty(database.name());
		Thread.sleep(300);
		assertThat(harness.client.exists("tenant:gone")).isFalse();
	}

	private Outage lockAggregate() throws Exception {
		Path file = this.root.resolve("data/aggregate/main.db");
		Connection locker = DriverManager.getConnection("jdbc:sqlite:" + file);
		Statement statement = locker.createStatement();
		statement.execute("PRAGMA busy_timeout = 0");
		statement.execute("BEGIN EXCLUSIVE");
		return () -> {
			statement.execute("ROLLBACK");
			locker.close();
		};
	}

	private Outage blockPostgres(MirrorHarness harness) throws Exception {
		String database = harness.mirror("SELECT current_database()").get(0).get(0).toString();
		try (Connection connection = postgres.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("ALTER DATABASE " + database + " ALLOW_CONNECTIONS false");
			statement.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database
					+ "' AND pid <> pg_backend_pid()");
		}
		return () -> {
			try (Connection connection = postgres.getPostgresDatabase().getConnection();
					Statement statement = connection.createStatement()) {
				statement.execute("ALTER DATABASE " + database + " ALLOW_CONNECTIONS true");
			}
		};
	}

	@Test
	void templateOfMirroredKindHoldsTheOutbox() throws Exception {
		MirrorHarness harness = start(Target.SQLITE);
		harness.client.database("tenant:first").exec("INSERT INTO notes (title) VALUES ('one')");
		List<Path> templates;
		try (Stream<Path> files = Files.list(this.root.resolve("data").resolve("tenant"))) {
			templates = files.filter((file) -> file.getFileName().toString().startsWith(".template-")).toList();
		}
		assertThat(templates).hasSize(1);
		assertThat(tableNames(templates.get(0))).contains("_dorm_outbox", "_dorm_outbox_parked", "notes");
	}

	@Test
	void databaseWithoutOutboxGetsOneWhenOpened() throws Exception {
		MirrorHarness harness = start(Target.SQLITE);
		DatabaseName name = DatabaseName.of("tenant", "older");
		harness.client.database(name).exec("INSERT INTO notes (title) VALUES ('before')");
		harness.awaitDrained(Duration.ofSeconds(20));
		harness.close();
		Path file = new DatabaseFiles(this.root.resolve("data")).file(name);
		try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
				Statement statement = connection.createStatement()) {
			statement.execute("DROP TABLE _dorm_outbox");
			statement.execute("DROP TABLE _dorm_outbox_parked");
		}
		assertThat(tableNames(file)).doesNotContain("_dorm_outbox", "_dorm_outbox_parked");
		harness = start(Target.SQLITE);
		harness.client.database(name).exec("INSERT INTO notes (title) VALUES ('after')");
		harness.awaitDrained(Duration.ofSeconds(20));
		assertThat(harness.mirror("SELECT title FROM notes ORDER BY id")).containsExactly(List.of("before"),
				List.of("after"));
		assertThat(harness.client.database(name)
			.exec("SELECT count(*) FROM sqlite_schema WHERE name IN ('_dorm_outbox', '_dorm_outbox_parked')")
			.rows()).containsExactly(List.of(2L));
	}

	private static Set<String> tableNames(Path file) throws Exception {
		Set<String> names = new TreeSet<>();
		try (Connection connection = DriverManager.getConnection("jdbc:sqlite:file:" + file + "?mode=ro");
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT name FROM sqlite_schema WHERE type = 'table'")) {
			while (result.next()) {
				names.add(result.getString(1));
			}
		}
		return names;
	}

	@FunctionalInterface
	interface Outage extends AutoCloseable {

		@Override
		void close() throws Exception;

	}

	static Set<String> tenantRows(MirrorHarness harness) {
		Set<String> rows = new TreeSet<>();
		for (DatabaseName name : harness.client.list("tenant")) {
			for (List<Object> row : harness.client.database(name).exec("SELECT id, title FROM notes").rows()) {
				rows.add(name + "/" + row.get(0) + "/" + row.get(1));
			}
		}
		return rows;
	}

	static Set<String> mirrorRows(MirrorHarness harness) {
		Set<String> rows = new TreeSet<>();
		List<String> duplicates = new ArrayList<>();
		for (List<Object> row : harness.mirror("SELECT dorm_tenant, id, title FROM notes")) {
			if (!rows.add(row.get(0) + "/" + row.get(1) + "/" + row.get(2))) {
				duplicates.add(row.toString());
			}
		}
		assertThat(duplicates).isEmpty();
		return rows;
	}

}
