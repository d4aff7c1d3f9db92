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

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

import dev.dorm.DormClient;
import dev.dorm.MigrationFailedException;
import dev.dorm.actuate.app.OperationsTestApplication;
import dev.dorm.migration.SqlMigrations;
import dev.dorm.mirror.MirrorRelay;
import dev.dorm.registry.TenantDatabaseRegistry;
import org.junit.jupiter.api.BeforeEach;
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
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests the read operations of the {@link DormEndpoint} over HTTP, on a data directory
 * with three kinds, a failed migration and a parked mirror change.
 */
@SpringBootTest(classes = { OperationsTestApplication.class, DormEndpointTests.Migrations.class },
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=dorm", "dorm.max-open=50",
				"dorm.kinds.tenant.mirror.enabled=true", "dorm.kinds.tenant.mirror.target=aggregate:main",
				"dorm.mirror.max-attempts=2", "dorm.mirror.initial-backoff=10ms", "dorm.mirror.max-backoff=50ms" })
class DormEndpointTests {

	@TempDir
	static Path dataDirectory;

	@LocalServerPort
	int port;

	@Autowired
	DormClient dorm;

	@Autowired
	TenantDatabaseRegistry registry;

	@Autowired
	MirrorRelay relay;

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@DynamicPropertySource
	static void dataDirectory(DynamicPropertyRegistry registry) {
		DatabaseFixtures.withEarlierRelease(dataDirectory, List.of(DatabaseFixtures.notesVersion1("note")),
				(client) -> {
					client.database("note:bad").exec("INSERT INTO notes (title) VALUES ('bad')");
					client.database("note:good").exec("INSERT INTO notes (title) VALUES ('good')");
					client.database("note:untouched").exec("INSERT INTO notes (title) VALUES ('old')");
				});
		registry.add("dorm.data-dir", () -> dataDirectory.toString());
	}

	@BeforeEach
	void prepareFailureAndParkedChange() throws Exception {
		synchronized (DormEndpointTests.class) {
			if (this.relay.status().totalParkedRecords() > 0) {
				return;
			}
			assertThatExceptionOfType(MigrationFailedException.class)
				.isThrownBy(() -> this.dorm.database("note:bad").exec("SELECT count(*) FROM notes"));
			this.dorm.database("note:good").exec("SELECT count(*) FROM notes");
			this.dorm.database("tenant:alpha").exec("INSERT INTO notes (title) VALUES ('first')");
			DatabaseFixtures.await("a mirrored change", () -> this.relay.status().appliedRecords() >= 1);
			this.dorm.database("aggregate:main")
				.exec("CREATE TRIGGER no_poison BEFORE INSERT ON notes WHEN NEW.title = 'poison' "
						+ "BEGIN SELECT RAISE(ABORT, 'poison rejected'); END");
			this.dorm.database("tenant:alpha").exec("INSERT INTO notes (title) VALUES ('poison')");
			DatabaseFixtures.await("a parked change", () -> this.relay.status().totalParkedRecords() == 1);
		}
	}

	@Test
	void summaryReportsKindsAndMirror() throws Exception {
		long openings = this.registry.getOpenings();
		HttpResponse<String> response = get("/actuator/dorm");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode summary = DatabaseFixtures.parse(response.body());
		assertThat(summary.get("maxOpen").asInt()).isEqualTo(50);
		assertThat(summary.get("openDatabases").asInt()).isEqualTo(this.registry.getOpenCount());
		assertThat(summary.get("databases").asInt()).isEqualTo(5);
		assertThat(summary.get("kinds").propertyNames()).containsExactlyInAnyOrder("tenant", "note", "aggregate");
		long kindBytes = 0;
		for (String kind : summary.get("kinds").propertyNames()) {
			kindBytes += summary.get("kinds").get(kind).get("totalBytes").asLong();
		}
		assertThat(summary.get("totalBytes").asLong()).isPositive().isEqualTo(kindBytes);
		assertThat(summary.get("largest").get("database").asString()).isNotEmpty();
		assertThat(summary.get("largest").get("bytes").asLong()).isPositive();

		JsonNode note = summary.get("kinds").get("note");
		assertThat(note.get("databases").asInt()).isEqualTo(3);
		JsonNode noteMigrations = note.get("migrations");
		assertThat(noteMigrations.get("targetVersion").asString()).isEqualTo("2");
		assertThat(noteMigrations.get("current").asInt()).isEqualTo(1);
		assertThat(noteMigrations.get("behind").asInt()).isEqualTo(2);
		assertThat(noteMigrations.get("unknown").asInt()).isZero();
		assertThat(noteMigrations.get("failed").asInt()).isEqualTo(1);
		JsonNode failure = noteMigrations.get("failures").get(0);
		assertThat(failure.get("database").asString()).isEqualTo("note:bad");
		assertThat(failure.get("version").asString()).isEqualTo("2");
		assertThat(failure.get("currentVersion").asString()).isEqualTo("1");
		assertThat(failure.get("error").asString()).contains("CHECK constraint failed");

		JsonNode tenant = summary.get("kinds").get("tenant");
		assertThat(tenant.get("databases").asInt()).isEqualTo(1);
		assertThat(tenant.get("largest").get("database").asString()).isEqualTo("tenant:alpha");
		assertThat(tenant.get("migrations").get("targetVersion").asString()).isEqualTo("1");
		assertThat(tenant.get("migrations").get("current").asInt()).isEqualTo(1);
		assertThat(tenant.get("migrations").get("failures").size()).isZero();

		JsonNode aggregate = summary.get("kinds").get("aggregate");
		assertThat(aggregate.get("databases").asInt()).isEqualTo(1);
		assertThat(aggregate.get("migrations").has("targetVersion")).isFalse();
		assertThat(aggregate.get("migrations").get("current").asInt()).isEqualTo(1);

		JsonNode mirror = summary.get("mirror");
		assertThat(mirror.get("parkedRecords").asLong()).isEqualTo(1);
		assertThat(mirror.get("parkedByDatabase").get("tenant:alpha").asLong()).isEqualTo(1);
		assertThat(mirror.get("appliedRecords").asLong()).isGreaterThanOrEqualTo(1);
		assertThat(mirror.get("failedAttempts").asLong()).isGreaterThanOrEqualTo(2);
		assertThat(mirror.has("lagMillis")).isTrue();
		assertThat(this.registry.getOpenings()).isEqualTo(openings);
	}

	@Test
	void openDatabaseReportsLastUse() throws Exception {
		HttpResponse<String> response = get("/actuator/dorm/tenant:alpha");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode database = DatabaseFixtures.parse(response.body());
		assertThat(database.get("database").asString()).isEqualTo("tenant:alpha");
		assertThat(database.get("kind").asString()).isEqualTo("tenant");
		assertThat(database.get("open").asBoolean()).isTrue();
		assertThat(database.get("bytes").asLong()).isPositive();
		assertThat(database.get("lastUsed").asString()).matches("\\d{4}-\\d{2}-\\d{2}T.*Z");
		assertThat(database.get("lastModified").asString()).matches("\\d{4}-\\d{2}-\\d{2}T.*Z");
		assertThat(database.get("migration").get("state").asString()).isEqualTo("CURRENT");
		assertThat(database.get("migration").get("version").asString()).isEqualTo("1");
		assertThat(database.get("parkedRecords").asLong()).isEqualTo(1);
	}

	@Test
	void closedDatabaseBehindStaysClosed() throws Exception {
		long openings = this.registry.getOpenings();
		HttpResponse<String> response = get("/actuator/dorm/note:untouched");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode database = DatabaseFixtures.parse(response.body());
		assertThat(database.get("open").asBoolean()).isFalse();
		assertThat(database.has("lastUsed")).isFalse();
		assertThat(database.get("lastModified").asString()).matches("\\d{4}-\\d{2}-\\d{2}T.*Z");
		assertThat(database.get("migration").get("state").asString()).isEqualTo("BEHIND");
		assertThat(database.get("migration").get("version").asString()).isEqualTo("1");
		assertThat(database.get("migration").get("targetVersion").asString()).isEqualTo("2");
		assertThat(this.registry.getOpenings()).isEqualTo(openings);
		assertThat(this.registry.isOpen(this.registry.parse("note:untouched"))).isFalse();
	}

	@Test
	void failedDatabaseReportsSqliteMessage() throws Exception {
		JsonNode database = DatabaseFixtures.parse(get("/actuator/dorm/note:bad").body());
		assertThat(database.get("open").asBoolean()).isFalse();
		assertThat(database.get("migration").get("state").asString()).isEqualTo("FAILED");
		assertThat(database.get("migration").get("version").asString()).isEqualTo("1");
		assertThat(database.get("migration").get("error").asString()).contains("CHECK constraint failed");
	}

	@Test
	void missingDatabaseIsNotFound() throws Exception {
		HttpResponse<String> response = get("/actuator/dorm/tenant:nobody");
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.body()).isEqualTo("{\"error\":\"Database 'tenant:nobody' does not exist\"}");
		assertThat(this.dorm.exists("tenant:nobody")).isFalse();
	}

	@Test
	void invalidNamesAreBadRequests() throws Exception {
		for (String name : new String[] { "user:1", "con", "tenant:-x", "Tenant:x" }) {
			HttpResponse<String> response = get("/actuator/dorm/" + name);
			assertThat(response.statusCode()).as(name).isEqualTo(400);
			assertThat(DatabaseFixtures.parse(response.body()).get("error").asString()).as(name).contains(name);
		}
	}

	private HttpResponse<String> get(String path) throws Exception {
		return DatabaseFixtures.send(this.http, this.port, "GET", path);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Migrations {

		@Bean
		SqlMigrations tenantMigrations() {
			return DatabaseFixtures.notesVersion1("tenant");
		}

		@Bean
		SqlMigrations noteMigrations() {
			return DatabaseFixtures.notesVersion2("note");
		}

	}

}
