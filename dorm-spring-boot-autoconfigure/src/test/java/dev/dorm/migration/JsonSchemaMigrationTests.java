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
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import dev.dorm.DatabaseName;
import dev.dorm.DormClient;
import dev.dorm.DormDatabase;
import dev.dorm.DormSqlException;
import dev.dorm.MigrationFailedException;
import dev.dorm.registry.DefaultDormClient;
import dev.dorm.registry.RegistrySettings;
import dev.dorm.registry.TenantDatabaseRegistry;
import dev.dorm.schema.ReadmeSchemas;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.core.io.DefaultResourceLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for JSON schema files as versioned migrations of a kind.
 */
class JsonSchemaMigrationTests {

	private static final String TODOS = """
			{
			  "$id": "todos",
			  "properties": {
			    "id": { "type": "integer", "x-dorm-auto-increment": true },
			    "title": { "type": "string", "minLength": 1 },
			    "tags": { "type": "array", "x-dorm-default": [] },
			    "owner": { "type": "string", "x-dorm-index": true }
			  },
			  "required": ["title"]
			}
			""";

	@TempDir
	Path root;

	private Path migrations;

	private final MigrationSettings settings = new MigrationSettings();

	private TenantDatabaseRegistry registry;

	@BeforeEach
	void setUp() throws IOException {
		this.migrations = Files.createDirectories(this.root.resolve("migrations"));
		this.settings.setLocations(List.of("filesystem:" + this.migrations));
	}

	@AfterEach
	void tearDown() {
		stop();
	}

	@Test
	void jsonAndSqlMigrationsApplyInOrder() throws IOException {
		write("V1__todos.json", TODOS);
		write("V2__add.sql", "ALTER TABLE todos ADD COLUMN done INTEGER NOT NULL DEFAULT 0;");
		DormDatabase database = start().database("tenant:acme");
		assertThat(database
			.exec("SELECT version, description, type, script FROM flyway_schema_history "
					+ "WHERE version IS NOT NULL ORDER BY installed_rank")
			.rows())
			.containsExactly(List.of("1", "todos", "SQL", "V1__todos.sql"), List.of("2", "add", "SQL", "V2__add.sql"));
		assertThat(database
			.exec("SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info('todos') " + "ORDER BY cid")
			.rows()).containsExactly(row("id", "INTEGER", 1L, null, 1L), row("title", "TEXT", 1L, null, 0L),
					row("tags", "TEXT", 0L, "'[]'", 0L), row("owner", "TEXT", 0L, null, 0L),
					row("done", "INTEGER", 1L, "0", 0L));
		assertThat(database.exec("SELECT name, \"unique\", origin FROM pragma_index_list('todos')").rows())
			.containsExactly(List.of("idx_todos_owner", 0L, "c"));
		assertThat(database.exec("SELECT name FROM pragma_index_info('idx_todos_owner')").rows())
			.containsExactly(List.of("owner"));
		database.exec("INSERT INTO todos (title) VALUES ('first')");
		assertThat(database.exec("SELECT id, tags, done FROM todos").rows()).containsExactly(List.of(1L, "[]", 0L));
	}

	@Test
	void jsonMigrationsBuildTemplate() throws IOException {
		write("V1__todos.json", TODOS);
		DormClient client = start();
		for (int i = 0; i < 3; i++) {
			client.database("tenant:t" + i).exec("INSERT INTO todos (title) VALUES ('one')");
		}
		assertThat(client.database("tenant:t2").exec("SELECT count(*) FROM todos").rows()).containsExactly(List.of(1L));
		try (Stream<Path> files = Files.list(this.root.resolve("data/tenant"))) {
			assertThat(files.map((file) -> file.getFileName().toString()))
				.filteredOn((name) -> name.startsWith(".template-"))
				.hasSize(1);
		}
	}

	@Test
	void editedSchemaFileChangesStamp() throws IOException, SQLException {
		write("V1__todos.json", TODOS);
		start().database("tenant:acme").exec("INSERT INTO todos (title) VALUES ('first')");
		stop();
		Path file = this.root.resolve("data/tenant/acme.db");
		assertThat(isCurrent(file)).isTrue();
		write("V1__todos.json", TODOS.replace("\"minLength\": 1", "\"minLength\": 2"));
		assertThat(isCurrent(file)).isFalse();
		assertThatExceptionOfType(MigrationFailedException.class)
			.isThrownBy(() -> start().database("tenant:acme").exec("SELECT 1"))
			.satisfies((ex) -> {
				assertThat(ex.getCurrentVersion()).isEqualTo("1");
				assertThat(ex.getSqliteMessage()).containsIgnoringCase("checksum mismatch");
				assertThat(ex.getSqliteMessage()).contains("version 1");
			});
	}

	@Test
	void reformattedSchemaFileMigratesCleanly() throws IOException, SQLException {
		write("V1__todos.json", TODOS);
		start().database("tenant:acme").exec("INSERT INTO todos (title) VALUES ('first')");
		stop();
		Path file = this.root.resolve("data/tenant/acme.db");
		write("V1__todos.json", TODOS.replace("\n", "\n  "));
		assertThat(isCurrent(file)).isFalse();
		DormDatabase database = start().database("tenant:acme");
		assertThat(database.exec("SELECT title FROM todos").rows()).containsExactly(List.of("first"));
		assertThat(isCurrent(file)).isTrue();
	}

	@Test
	void invalidSchemaFileFailsMigration() throws IOException {
		write("V1__todos.json", TODOS);
		write("V2__notes.json", """
				{"$id": "notes", "properties": {"body": {"type": "strnig"}}}""");
		DormClient client = start();
		assertThatExceptionOfType(MigrationFailedException.class)
			.isThrownBy(() -> client.database("tenant:acme").exec("SELECT 1"))
			.satisfies((ex) -> {
				assertThat(ex.getVersion()).isEqualTo("2");
				assertThat(ex.getCurrentVersion()).isNull();
				assertThat(ex.getSqliteMessage()).startsWith("Invalid JSON schema in migration 'filesystem:")
					.contains("/V2__notes.json': Invalid 'type' of property 'body' in the JSON schema of table "
							+ "'notes': unknown type 'strnig'");
			});
		assertThat(client.exists("tenant:acme")).isFalse();
	}

	@Test
	void readmeExampleMigratesAfterUsers() throws IOException {
		write("V1__create_users.sql", "CREATE TABLE users (id TEXT PRIMARY KEY);");
		write("V2__todos.json", ReadmeSchemas.TODOS);
		DormDatabase database = start().database("tenant:acme");
		database.exec("INSERT INTO users (id) VALUES ('u1')");
		database.exec("INSERT INTO todos (owner, title, done) VALUES ('u1', 'Buy milk', 0)");
		assertThat(database.exec("SELECT owner, title, priority, tags FROM todos").rows())
			.containsExactly(List.of("u1", "Buy milk", 2L, "[]"));
		assertThat(database.exec("SELECT version, description, script FROM flyway_schema_history WHERE version = '2'")
			.rows()).containsExactly(List.of("2", "todos", "V2__todos.sql"));
		assertThatExceptionOfType(DormSqlException.class)
			.isThrownBy(() -> database.exec("INSERT INTO todos (owner, title, done) VALUES ('nobody', 'x', 0)"))
			.withMessageContaining("FOREIGN KEY constraint failed");
	}

	@Test
	void schemaFileForExistingTableFails() throws IOException {
		write("V1__todos.sql", "CREATE TABLE todos (id INTEGER PRIMARY KEY, title TEXT NOT NULL);");
		start().database("tenant:acme").exec("INSERT INTO todos (title) VALUES ('first')");
		stop();
		write("V2__todos.json", TODOS);
		assertThatExceptionOfType(MigrationFailedException.class)
			.isThrownBy(() -> start().database("tenant:acme").exec("SELECT 1"))
			.satisfies((ex) -> {
				assertThat(ex.getVersion()).isEqualTo("2");
				assertThat(ex.getCurrentVersion()).isEqualTo("1");
				assertThat(ex.getSqliteMessage()).contains("table \"todos\" already exists");
			});
		stop();
		Files.delete(this.migrations.resolve("V2__todos.json"));
		DormDatabase database = start().database("tenant:acme");
		assertThat(database.exec("SELECT name FROM pragma_table_info('todos') ORDER BY cid").rows())
			.containsExactly(List.of("id"), List.of("title"));
		assertThat(
				database.exec("SELECT count(*) FROM sqlite_schema WHERE tbl_name = 'todos' AND type = 'index'").rows())
			.containsExactly(List.of(0L));
		assertThat(database.exec("SELECT title FROM todos").rows()).containsExactly(List.of("first"));
	}

	@Test
	void invalidSchemaFileStopsExistingDatabase() throws IOException {
		write("V1__todos.json", TODOS);
		start().database("tenant:acme").exec("INSERT INTO todos (title) VALUES ('first')");
		stop();
		write("V2__notes.json", "{\"$id\": \"notes\"}");
		assertThatExceptionOfType(MigrationFailedException.class)
			.isThrownBy(() -> start().database("tenant:acme").exec("SELECT 1"))
			.satisfies((ex) -> {
				assertThat(ex.getVersion()).isEqualTo("2");
				assertThat(ex.getCurrentVersion()).isEqualTo("1");
				assertThat(ex.getMessage()).contains("V2__notes.json", "'properties'", "stays at version 1");
			});
	}

	@Test
	void hostileNamesSurviveFlywayParsing() throws IOException {
		write("V1__hostile.json", """
				{"$id": "t; DROP TABLE x; --",
				 "properties": {
				   "BEGIN": {"type": "string", "x-dorm-default": "${placeholder} ; -- /* '"},
				   "CASE": {"type": "object", "x-dorm-index": "END; CREATE TABLE y (z)"},
				   "end\\"quoted'": {"type": "integer", "x-dorm-index": "${flyway:defaultSchema}"},
				   "/* open": {"type": "boolean", "x-dorm-default": true}}}""");
		DormDatabase database = start().database("tenant:acme");
		assertThat(database
			.exec("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite%' "
					+ "AND name <> 'flyway_schema_history'")
			.rows()).containsExactly(List.of("t; DROP TABLE x; --"));
		assertThat(database.exec("SELECT name, dflt_value FROM pragma_table_info('t; DROP TABLE x; --') ORDER BY cid")
			.rows()).containsExactly(row("BEGIN", "'${placeholder} ; -- /* '''"), row("CASE", null),
					row("end\"quoted'", null), row("/* open", "1"));
		assertThat(database.exec("SELECT name FROM pragma_index_list('t; DROP TABLE x; --') ORDER BY name").rows())
			.containsExactly(List.of("${flyway:defaultSchema}"), List.of("END; CREATE TABLE y (z)"));
	}

	@Test
	void schemaFileWithByteOrderMarkMigrates() throws IOException {
		write("V1__todos.json", "\uFEFF" + TODOS);
		DormDatabase database = start().database("tenant:acme");
		assertThat(database.exec("SELECT count(*) FROM pragma_table_info('todos')").rows())
			.containsExactly(List.of(4L));
	}

	@Test
	void unversionedJsonFilesAreIgnored() throws IOException {
		write("V1__todos.json", TODOS);
		write("notes.json", "not a schema");
		write("R__view.json", "not a schema either");
		DormDatabase database = start().database("tenant:acme");
		assertThat(database.exec("SELECT count(*) FROM flyway_schema_history WHERE version IS NOT NULL").rows())
			.containsExactly(List.of(1L));
	}

	private boolean isCurrent(Path file) throws SQLException {
		FlywayDatabaseInitializer initializer = new FlywayDatabaseInitializer(new DefaultResourceLoader(),
				this.settings, List.of(), List.of());
		try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file)) {
			return initializer.isCurrent(DatabaseName.of("tenant", "acme"), connection);
		}
	}

	private DormClient start() {
		RegistrySettings registrySettings = new RegistrySettings();
		registrySettings.setDataDirectory(this.root.resolve("data"));
		FlywayDatabaseInitializer initializer = new FlywayDatabaseInitializer(new DefaultResourceLoader(),
				this.settings, List.of(), List.of());
		this.registry = new TenantDatabaseRegistry(registrySettings, initializer);
		return new DefaultDormClient(this.registry);
	}

	private void stop() {
		if (this.registry != null) {
			this.registry.close();
			this.registry = null;
		}
	}

	private void write(String name, String content) throws IOException {
		Files.writeString(this.migrations.resolve(name), content);
	}

	private static List<Object> row(Object... values) {
		return Arrays.asList(values);
	}

}
