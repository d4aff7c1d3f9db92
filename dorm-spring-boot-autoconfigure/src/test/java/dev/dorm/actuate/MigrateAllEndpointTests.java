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
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.dorm.DormClient;
import dev.dorm.DormDatabase;
import dev.dorm.actuate.app.OperationsTestApplication;
import dev.dorm.migration.SqlMigrations;
import dev.dorm.registry.TenantDatabaseRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests the {@code migrate-all} operation of the {@link DormEndpoint} over HTTP on 1,000
 * databases, 3 of which hold data that the new version rejects, while the application
 * keeps serving databases of the same kind and of another kind. The 10 databases of the
 * same kind that receive traffic are created at the new version, so they count as already
 * current.
 */
@SpringBootTest(classes = { OperationsTestApplication.class, MigrateAllEndpointTests.Migrations.class },
		webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "management.endpoints.web.exposure.include=dorm",
				"dorm.actuator.write-operations=true", "dorm.migrations.parallelism=2" })
class MigrateAllEndpointTests {

	private static final int DATABASES = 1000;

	private static final Set<Integer> BAD = Set.of(17, 500, 999);

	@TempDir
	static Path dataDirectory;

	@LocalServerPort
	int port;

	@Autowired
	DormClient dorm;

	@Autowired
	TenantDatabaseRegistry registry;

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@DynamicPropertySource
	static void dataDirectory(DynamicPropertyRegistry registry) {
		DatabaseFixtures.withEarlierRelease(dataDirectory,
				List.of(DatabaseFixtures.notesVersion1("tenant"), DatabaseFixtures.notesVersion1("other")),
				(client) -> {
					for (int i = 0; i < DATABASES; i++) {
						client.database(tenant(i))
							.exec("INSERT INTO notes (title) VALUES (?)", BAD.contains(i) ? "bad" : "good");
					}
					for (int i = 0; i < 10; i++) {
						client.database("other:o" + i).exec("INSERT INTO notes (title) VALUES ('good')");
					}
				});
		registry.add("dorm.data-dir", () -> dataDirectory.toString());
	}

	private static String tenant(int i) {
		return String.format("tenant:t%04d", i);
	}

	@Test
	void migrateAllServesOtherDatabasesMeanwhile() throws Exception {
		for (int i = 0; i < 10; i++) {
			this.dorm.database("tenant:new-" + i).exec("INSERT INTO notes (title) VALUES ('created')");
		}
		AtomicBoolean migrating = new AtomicBoolean(true);
		ExecutorService traffic = Executors.newFixedThreadPool(2);
		try {
			Future<Integer> otherKind = traffic.submit(() -> useDatabases(migrating, "other:o"));
			Future<Integer> sameKind = traffic.submit(() -> useDatabases(migrating, "tenant:new-"));
			HttpResponse<String> response = post("/actuator/dorm/tenant/migrate-all");
			migrating.set(false);
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			JsonNode report = DatabaseFixtures.parse(response.body());
			assertThat(report.get("kind").asString()).isEqualTo("tenant");
			assertThat(report.get("databases").asInt()).isEqualTo(DATABASES + 10);
			assertThat(report.get("migrated").asInt()).isEqualTo(997);
			assertThat(report.get("current").asInt()).isEqualTo(10);
			assertThat(report.get("failed").asInt()).isEqualTo(3);
			assertThat(report.get("skipped").asInt()).isZero();
			List<String> failed = new ArrayList<>();
			for (JsonNode failure : report.get("failures")) {
				failed.add(failure.get("database").asString());
				assertThat(failure.get("version").asString()).isEqualTo("2");
				assertThat(failure.get("currentVersion").asString()).isEqualTo("1");
				assertThat(failure.get("error").asString()).contains("CHECK constraint failed");
			}
			assertThat(failed).containsExactly(tenant(17), tenant(500), tenant(999));
			assertThat(otherKind.get(60, TimeUnit.SECONDS)).isPositive();
			assertThat(sameKind.get(60, TimeUnit.SECONDS)).isPositive();
		}
		finally {
			migrating.set(false);
			traffic.shutdownNow();
		}
		JsonNode tenant = DatabaseFixtures.parse(get("/actuator/dorm").body()).get("kinds").get("tenant");
		assertThat(tenant.get("migrations").get("behind").asInt()).isEqualTo(3);
		assertThat(tenant.get("migrations").get("failed").asInt()).isEqualTo(3);
		assertThat(this.dorm.database(tenant(18)).exec("SELECT title FROM notes").rows())
			.containsExactly(List.of("good"));

		fixBadNote(tenant(500));
		HttpResponse<String> retry = post("/actuator/dorm/tenant/migrate-all");
		assertThat(retry.statusCode()).as(retry.body()).isEqualTo(200);
		JsonNode retried = DatabaseFixtures.parse(retry.body());
		assertThat(retried.get("migrated").asInt()).isEqualTo(1);
		assertThat(retried.get("failed").asInt()).isEqualTo(2);
		assertThat(this.dorm.database(tenant(500)).exec("SELECT title FROM notes").rows())
			.containsExactly(List.of("fixed"));
	}

	/**
	 * Insert into and read from databases named by a prefix until the migration ends, at
	 * most for 2 minutes, failing on the first failed call.
	 * @return the number of calls
	 */
	private int useDatabases(AtomicBoolean migrating, String prefix) throws InterruptedException {
		int calls = 0;
		long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
		while (migrating.get() && System.nanoTime() < deadline) {
			DormDatabase database = this.dorm.database(prefix + (calls % 10));
			database.exec("INSERT INTO notes (title) VALUES ('during')");
			assertThat(database.exec("SELECT count(*) FROM notes WHERE title = 'during'").rows()).hasSize(1);
			calls++;
			Thread.sleep(2);
		}
		return calls;
	}

	/**
	 * Change the rejected note of a database that is not open, through a connection of
	 * its own, as an operator would.
	 */
	private void fixBadNote(String name) throws Exception {
		assertThat(this.registry.isOpen(this.registry.parse(name))).isFalse();
		Path file = this.registry.files().file(this.registry.parse(name));
		try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
				Statement statement = connection.createStatement()) {
			statement.executeUpdate("UPDATE notes SET title = 'fixed' WHERE title = 'bad'");
		}
	}

	private HttpResponse<String> post(String path) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.POST(HttpRequest.BodyPublishers.noBody())
			.timeout(Duration.ofMinutes(3))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> get(String path) throws Exception {
		return DatabaseFixtures.send(this.http, this.port, "GET", path);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Migrations {

		@Bean
		SqlMigrations tenantMigrations() {
			return DatabaseFixtures.notesVersion2("tenant");
		}

		@Bean
		SqlMigrations otherMigrations() {
			return DatabaseFixtures.notesVersion1("other");
		}

	}

}
