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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import dev.dorm.DormClient;
import dev.dorm.DormDatabase;
import dev.dorm.MigrationFailedException;
import dev.dorm.registry.CountingCallback;
import dev.dorm.registry.DefaultDormClient;
import dev.dorm.registry.RegistrySettings;
import dev.dorm.registry.TenantDatabaseRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.io.DefaultResourceLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link FlywayDatabaseInitializer}.
 */
@ExtendWith(OutputCaptureExtension.class)
class FlywayDatabaseInitializerTests {

	private static final String CREATE_TODOS = "CREATE TABLE todos (id TEXT PRIMARY KEY, title TEXT NOT NULL);";

	@TempDir
	Path root;

	private Path migrations;

	private final AtomicLong flywayRuns = new AtomicLong();

	private final List<SqlMigrations> codeMigrations = new ArrayList<>();

	private final MigrationSettings settings = new MigrationSettings();

	private TenantDatabaseRegistry registry;

	private DormClient client;

	@BeforeEach
	void setUp() throws IOException {
		this.migrations = Files.createDirectories(this.root.resolve("migrations"));
		this.settings.setLocations(List.of("filesystem:" + this.migrations));
		writeMigration("V1__todos.sql", CREATE_TODOS);
	}

	@AfterEach
	void tearDown() {
		stop();
	}

	@Test
	void sqlFilesAndCodeMigrationsApplyInVersionOrder() throws IOException {
		writeMigration("V3__index.sql", "CREATE INDEX todos_done ON todos (done);");
		this.codeMigrations.add(SqlMigrations.forKind("tenant")
			.version("2", "add done", "ALTER TABLE todos ADD COLUMN done INTEGER NOT NULL DEFAULT 0"));
		DormDatabase database = start().database("tenant:acme");
		assertThat(
				database.exec("SELECT version, description FROM flyway_schema_history ORDER BY installed_rank").rows())
			.containsExactly(List.of("1", "todos"), List.of("2", "add done"), List.of("3", "index"));
		assertThat(database.exec("SELECT name FROM pragma_index_list('todos') WHERE origin = 'c'").rows())
			.containsExactly(List.of("todos_done"));
	}

	@Test
	void codeMigrationMayHoldSeveralStatements() {
		this.codeMigrations.add(SqlMigrations.forKind("tenant")
			.version(2, "CREATE TABLE a (x INTEGER); CREATE TABLE b (y INTEGER);", "INSERT INTO a VALUES (1)"));
		DormDatabase database = start().database("tenant:acme");
		assertThat(database.exec("SELECT x FROM a").rows()).containsExactly(List.of(1L));
		assertThat(database.exec("SELECT count(*) FROM b").rows()).containsExactly(List.of(0L));
	}

	@Test
	void upToDateDatabaseDoesNotRunFlywayAgain() {
		start().database("tenant:acme").exec("INSERT INTO todos VALUES ('1', 'one')");
		assertThat(this.flywayRuns).hasValue(1);
		stop();
		assertThat(start().database("tenant:acme").exec("SELECT count(*) FROM todos").rows())
			.containsExactly(List.of(1L));
		assertThat(this.flywayRuns).hasValue(1);
	}

	@Test
	void newDatabasesAreCopiedFromOneTemplate() throws IOException {
		DormClient client = start();
		for (int i = 0; i < 20; i++) {
			client.database("tenant:t" + i).exec("INSERT INTO todos VALUES ('1', 'one')");
		}
		assertThat(this.flywayRuns).hasValue(1);
		assertThat(client.database("tenant:t7").exec("SELECT version FROM flyway_schema_history").rows())
			.containsExactly(List.of("1"));
		assertThat(templates()).hasSize(1);
	}

	@Test
	void withoutTemplatesEachNewDatabaseRunsFlyway() {
		this.settings.setUseTemplates(false);
		DormClient client = start();
		for (int i = 0; i < 3; i++) {
			client.database("tenant:t" + i).exec("SELECT count(*) FROM todos");
		}
		assertThat(this.flywayRuns).hasValue(3);
	}

	@Test
	void changedMigrationsReplaceTheTemplateAndMigrateExistingDatabases() throws IOException {
		start().database("tenant:old").exec("INSERT INTO todos VALUES ('1', 'one')");
		List<Path> firstTemplates = templates();
		stop();
		writeMigration("V2__done.sql", "ALTER TABLE todos ADD COLUMN done INTEGER NOT NULL DEFAULT 0;");
		DormClient client = start();
		assertThat(client.database("tenant:old").exec("SELECT id, done FROM todos").rows())
			.containsExactly(List.of("1", 0L));
		assertThat(client.database("tenant:new").exec("SELECT count(done) FROM todos").rows())
			.containsExactly(List.of(0L));
		assertThat(templates()).hasSize(1).doesNotContainAnyElementsOf(firstTemplates);
	}

	@Test
	void failedMigrationLeavesDatabaseAtPreviousVersionAndOthersMigrate() throws IOException {
		DormClient client = start();
		client.database("tenant:dupes").exec("INSERT INTO todos VALUES ('1', 'same'), ('2', 'same')");
		client.database("tenant:clean").exec("INSERT INTO todos VALUES ('1', 'one'), ('2', 'two')");
		stop();
		writeMigration("V2__unique_titles.sql",
				"CREATE TABLE audit (id INTEGER);\nCREATE UNIQUE INDEX todos_title ON todos (title);");
		client = start();
		DormDatabase dupes = client.database("tenant:dupes");
		assertThatExceptionOfType(MigrationFailedException.class).isThrownBy(() -> dupes.exec("SELECT 1"))
			.satisfies((ex) -> {
				assertThat(ex.getDatabaseName()).isEqualTo("tenant:dupes");
				assertThat(ex.getVersion()).isEqualTo("2");
				assertThat(ex.getCurrentVersion()).isEqualTo("1");
				assertThat(ex.getSqliteMessage()).isEqualTo("UNIQUE constraint failed: todos.title");
				assertThat(ex.getMessage()).isEqualTo("Migration of database 'tenant:dupes' to version 2 failed: "
						+ "UNIQUE constraint failed: todos.title; the database stays at version 1 and its calls "
						+ "fail until a corrected migration applies");
			});
		assertThatExceptionOfType(MigrationFailedException.class).isThrownBy(() -> dupes.exec("SELECT 1"));
		assertThat(client.database("tenant:clean").exec("SELECT name FROM sqlite_schema WHERE name = 'audit'").rows())
			.hasSize(1);
		stop();
		writeMigration("V2__unique_titles.sql", "CREATE TABLE audit (id INTEGER);");
		assertThat(schemaOf("tenant:dupes")).doesNotContain("audit");
		client = start();
		assertThat(client.database("tenant:dupes").exec("SELECT max(version) FROM flyway_schema_history").rows())
			.containsExactly(List.of("2"));
		assertThat(client.database("tenant:dupes").exec("SELECT count(*) FROM todos").rows())
			.containsExactly(List.of(2L));
	}

	@Test
	void databaseWhoseMigrationFailedCanBeBackedUp() throws Exception {
		start().database("tenant:broken").exec("INSERT INTO todos VALUES ('1', 'kept')");
		stop();
		writeMigration("V2__broken.sql", "CREATE TABLE broken (;");
		DormClient client = start();
		assertThatExceptionOfType(MigrationFailedException.class)
			.isThrownBy(() -> client.database("tenant:broken").exec("SELECT 1"));
		Path backup = this.root.resolve("broken-backup.db");
		client.backup("tenant:broken", backup);
		try (java.sql.Connection connection = java.sql.DriverManager.getConnection("jdbc:sqlite:" + backup);
				java.sql.Statement statement = connection.createStatement();
				java.sql.ResultSet result = statement.executeQuery("SELECT title FROM todos")) {
			assertThat(result.next()).isTrue();
			assertThat(result.getString(1)).isEqualTo("kept");
		}
	}

	@Test
	void failedMigrationOfNewDatabaseLeavesNoFile() throws IOException {
		writeMigration("V2__broken.sql", "CREATE TABLE broken (;");
		DormClient client = start();
		assertThatExceptionOfType(MigrationFailedException.class)
			.isThrownBy(() -> client.database("tenant:new").exec("SELECT 1"))
			.satisfies((ex) -> {
				assertThat(ex.getVersion()).isEqualTo("2");
				assertThat(ex.getCurrentVersion()).isNull();
				assertThat(ex.getSqliteMessage()).contains("syntax error");
				assertThat(ex.getMessage()).contains("the database has no version applied");
			});
		assertThat(client.exists("tenant:new")).isFalse();
		assertThat(client.list("tenant")).isEmpty();
	}

	@Test
	void editedAppliedMigrationFailsValidation() throws IOException {
		start().database("tenant:acme").exec("SELECT 1");
		stop();
		writeMigration("V1__todos.sql", CREATE_TODOS + "\nCREATE TABLE extra (x INTEGER);");
		assertThatExceptionOfType(MigrationFailedException.class)
			.isThrownBy(() -> start().database("tenant:acme").exec("SELECT 1"))
			.satisfies((ex) -> {
				assertThat(ex.getVersion()).isNull();
				assertThat(ex.getCurrentVersion()).isEqualTo("1");
				assertThat(ex.getSqliteMessage()).containsIgnoringCase("checksum");
			});
	}

	@Test
	void failedMigrationIsTriedAgainAfterRetryInterval() throws IOException {
		writeMigration("V2__broken.sql", "CREATE TABLE broken (;");
		RegistrySettings registrySettings = registrySettings();
		registrySettings.setMigrationRetryInterval(java.time.Duration.ZERO);
		DormClient client = start(registrySettings);
		assertThatExceptionOfType(MigrationFailedException.class)
			.isThrownBy(() -> client.database("tenant:new").exec("SELECT 1"));
		long runs = this.flywayRuns.get();
		assertThatExceptionOfType(MigrationFailedException.class)
			.isThrownBy(() -> client.database("tenant:new").exec("SELECT 1"));
		assertThat(this.flywayRuns.get()).isGreaterThan(runs);
	}

	@Test
	void failedMigrationIsNotRetriedWithinRetryInterval() throws IOException {
		writeMigration("V2__broken.sql", "CREATE TABLE broken (;");
		DormClient client = start();
		assertThatExceptionOfType(MigrationFailedException.class)
			.isThrownBy(() -> client.database("tenant:new").exec("SELECT 1"));
		long runs = this.flywayRuns.get();
		assertThatExceptionOfType(MigrationFailedException.class)
			.isThrownBy(() -> client.database("tenant:new").exec("SELECT 1"));
		assertThat(this.flywayRuns.get()).isEqualTo(runs);
		assertThat(this.registry.getMigrationFailure(client.parseName("tenant:new"))).isNotNull();
	}

	@Test
	void kindWithoutMigrationsGetsEmptyDatabases() {
		RegistrySettings registrySettings = registrySettings();
		registrySettings.setKinds(java.util.Set.of("cache"));
		this.settings.setLocationsByKind(java.util.Map.of("cache", List.of()));
		DormDatabase database = start(registrySettings).database("cache:one");
		assertThat(database.exec("SELECT count(*) FROM sqlite_schema").rows()).containsExactly(List.of(0L));
	}

	@Test
	void emptyLocationIsLoggedOnFirstUse(CapturedOutput output) {
		this.settings.setLocations(List.of("filesystem:" + this.root.resolve("missing")));
		DormClient client = start();
		client.database("tenant:one").exec("SELECT 1");
		client.database("tenant:two").exec("SELECT 1");
		assertThat(output).containsOnlyOnce("Kind 'tenant' has no migrations in [filesystem:"
				+ this.root.resolve("missing") + "] and none declared in code");
	}

	@Test
	void unsupportedLocationIsRejected() {
		this.settings.setLocations(List.of("http://example.com/migrations"));
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> start().database("tenant:acme").exec("SELECT 1"))
			.withMessage("Unsupported migration location 'http://example.com/migrations'; "
					+ "start it with 'classpath:' or 'filesystem:'");
	}

	private DormClient start() {
		return start(registrySettings());
	}

	private RegistrySettings registrySettings() {
		RegistrySettings registrySettings = new RegistrySettings();
		registrySettings.setDataDirectory(this.root.resolve("data"));
		return registrySettings;
	}

	private DormClient start(RegistrySettings registrySettings) {
		FlywayDatabaseInitializer initializer = new FlywayDatabaseInitializer(new DefaultResourceLoader(),
				this.settings, this.codeMigrations,
				List.of((kind, configuration) -> configuration.callbacks(new CountingCallback(this.flywayRuns))));
		this.registry = new TenantDatabaseRegistry(registrySettings, initializer);
		this.client = new DefaultDormClient(this.registry);
		return this.client;
	}

	private void stop() {
		if (this.registry != null) {
			this.registry.close();
			this.registry = null;
		}
	}

	private void writeMigration(String name, String sql) throws IOException {
		Files.writeString(this.migrations.resolve(name), sql);
	}

	private List<Path> templates() throws IOException {
		try (var files = Files.list(this.root.resolve("data/tenant"))) {
			return files.filter((file) -> file.getFileName().toString().startsWith(".template-")).toList();
		}
	}

	private String schemaOf(String name) {
		TenantDatabaseRegistry plain = new TenantDatabaseRegistry(registrySettings(),
				dev.dorm.registry.DatabaseInitializer.NONE);
		try {
			return new DefaultDormClient(plain).database(name)
				.exec("SELECT group_concat(name) FROM sqlite_schema")
				.rows()
				.get(0)
				.get(0)
				.toString();
		}
		finally {
			plain.close();
		}
	}

}
