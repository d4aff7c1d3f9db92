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

package dev.dorm.actuate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import dev.dorm.DormClient;
import dev.dorm.migration.FlywayDatabaseInitializer;
import dev.dorm.migration.MigrationSettings;
import dev.dorm.migration.SqlMigrations;
import dev.dorm.registry.DefaultDormClient;
import dev.dorm.registry.RegistrySettings;
import dev.dorm.registry.Synchronous;
import dev.dorm.registry.TenantDatabaseRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.DefaultResourceLoader;

/**
 * Migrations, databases and HTTP helpers shared by the tests of the operations support.
 */
final class DatabaseFixtures {

	static final String NOTES = "CREATE TABLE notes (id INTEGER PRIMARY KEY AUTOINCREMENT, title TEXT NOT NULL)";

	/**
	 * Copies the notes into a table that rejects the title {@code bad}, so this version
	 * fails with SQLite's "CHECK constraint failed" on exactly the databases that hold
	 * such a note.
	 */
	static final String[] REJECT_BAD_NOTES = {
			"CREATE TABLE checked_notes (id INTEGER PRIMARY KEY AUTOINCREMENT, "
					+ "title TEXT NOT NULL CHECK (title <> 'bad'))",
			"INSERT INTO checked_notes (id, title) SELECT id, title FROM notes", "DROP TABLE notes",
			"ALTER TABLE checked_notes RENAME TO notes" };

	private static final JsonMapper json = JsonMapper.builder().build();

	private DatabaseFixtures() {
	}

	/**
	 * Return the first version of the notes migrations of a kind.
	 */
	static SqlMigrations notesVersion1(String kind) {
		return SqlMigrations.forKind(kind).version(1, NOTES);
	}

	/**
	 * Return both versions of the notes migrations of a kind.
	 */
	static SqlMigrations notesVersion2(String kind) {
		return SqlMigrations.forKind(kind).version(1, NOTES).version(2, REJECT_BAD_NOTES);
	}

	/**
	 * Create databases with a registry of its own on the data directory, at the versions
	 * of the given migrations, as an earlier release of an application would have. It
	 * does not wait for the disk at commits and checkpoints, which only speeds up the
	 * setup.
	 */
	static void withEarlierRelease(Path dataDirectory, List<SqlMigrations> migrations, Consumer<DormClient> action) {
		RegistrySettings settings = new RegistrySettings();
		settings.setDataDirectory(dataDirectory);
		settings.setSynchronous(Synchronous.OFF);
		settings.setKinds(Set.copyOf(migrations.stream().map(SqlMigrations::getKind).toList()));
		MigrationSettings migrationSettings = new MigrationSettings();
		migrationSettings.setLocations(List.of());
		FlywayDatabaseInitializer initializer = new FlywayDatabaseInitializer(new DefaultResourceLoader(),
				migrationSettings, migrations, List.of());
		try (TenantDatabaseRegistry registry = new TenantDatabaseRegistry(settings, initializer)) {
			action.accept(new DefaultDormClient(registry));
		}
	}

	/**
	 * Wait up to 20 seconds for a condition.
	 */
	static void await(String description, BooleanSupplier condition) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("Timed out after 20 seconds waiting for " + description);
			}
			Thread.sleep(20);
		}
	}

	static JsonNode parse(String body) {
		return json.readTree(body);
	}

	static HttpResponse<String> send(HttpClient http, int port, String method, String path) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.method(method, HttpRequest.BodyPublishers.noBody())
			.build();
		return http.send(request, HttpResponse.BodyHandlers.ofString());
	}

}
