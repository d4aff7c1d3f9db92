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

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.dorm.DormClient;
import dev.dorm.DormDatabase;
import dev.dorm.actuate.app.OperationsTestApplication;
import dev.dorm.migration.SqlMigrations;
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
 * Tests the {@code backup} and {@code delete} operations of the {@link DormEndpoint} over
 * HTTP, with write operations enabled.
 */
@SpringBootTest(classes = { OperationsTestApplication.class, BackupEndpointTests.Migrations.class },
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=dorm", "dorm.actuator.write-operations=true" })
class BackupEndpointTests {

	@TempDir
	static Path root;

	@LocalServerPort
	int port;

	@Autowired
	DormClient dorm;

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@DynamicPropertySource
	static void folders(DynamicPropertyRegistry registry) {
		registry.add("dorm.data-dir", () -> root.resolve("data").toString());
		registry.add("dorm.actuator.backup-dir", () -> root.resolve("backups").toString());
	}

	@Test
	void backupDuringWritesHoldsEarlierCommits() throws Exception {
		DormDatabase database = this.dorm.database("tenant:busy");
		String payload = "x".repeat(1000);
		database.transactionWithoutResult((transaction) -> {
			for (int i = 0; i < 2000; i++) {
				transaction.exec("INSERT INTO notes (title) VALUES (?)", payload);
			}
		});
		AtomicLong committed = new AtomicLong(2000);
		AtomicBoolean writing = new AtomicBoolean(true);
		ExecutorService writer = Executors.newSingleThreadExecutor();
		try {
			Future<?> writes = writer.submit(() -> {
				long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
				while (writing.get() && System.nanoTime() < deadline) {
					long id = (Long) database.exec("INSERT INTO notes (title) VALUES (?) RETURNING id", payload)
						.rows()
						.get(0)
						.get(0);
					committed.set(id);
				}
			});
			DatabaseFixtures.await("writes beyond the first rows", () -> committed.get() > 2050);
			long committedBeforeBackup = committed.get();
			HttpResponse<String> response = post("/actuator/dorm/tenant:busy/backup");
			long committedAfterBackup = committed.get();
			writing.set(false);
			writes.get(60, TimeUnit.SECONDS);
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			assertThat(committedAfterBackup).as("rows committed while the backup ran")
				.isGreaterThan(committedBeforeBackup);
			JsonNode backup = DatabaseFixtures.parse(response.body());
			assertThat(backup.get("database").asString()).isEqualTo("tenant:busy");
			assertThat(backup.get("file").asString()).matches("tenant/busy-\\d{8}T\\d{6}\\.\\d{3}Z\\.db");
			Path file = root.resolve("backups").resolve(backup.get("file").asString());
			assertThat(backup.get("bytes").asLong()).isEqualTo(Files.size(file));
			try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
					Statement statement = connection.createStatement()) {
				assertThat(queryString(statement, "PRAGMA integrity_check")).isEqualTo("ok");
				assertThat(queryLong(statement, "SELECT count(*) FROM notes WHERE id <= " + committedBeforeBackup))
					.isEqualTo(committedBeforeBackup);
				assertThat(queryLong(statement, "SELECT max(id) FROM notes"))
					.as("rows in the backup form a prefix of the commits")
					.isEqualTo(queryLong(statement, "SELECT count(*) FROM notes"));
			}
		}
		finally {
			writing.set(false);
			writer.shutdownNow();
		}
	}

	@Test
	void backupFileStaysInsideBackupFolder() throws Exception {
		Set<Path> before = filesOutsideDataAndBackups();
		for (String name : new String[] { "..", "tenant:..", "tenant:../../etc", "tenant:..%2F..%2Fetc", "tenant:a%2Fb",
				"%2e%2e", "tenant:%2e%2e", "..%5C..%5Cx", "tenant:a%5Cb", "tenant:con", "tenant:.hidden",
				"tenant:x%00y", "tenant:" + "k".repeat(121), "other:x", "/etc/passwd" }) {
			HttpResponse<String> response = post("/actuator/dorm/" + name + "/backup");
			assertThat(response.statusCode()).as(name).isIn(400, 404);
		}
		this.dorm.database("tenant:Weird_Name.x@y-1").exec("SELECT 1");
		HttpResponse<String> response = post("/actuator/dorm/tenant:Weird_Name.x@y-1/backup");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		String file = DatabaseFixtures.parse(response.body()).get("file").asString();
		assertThat(file).startsWith("tenant/_weird___name.x@y-1-");
		Path backup = root.resolve("backups").resolve(file);
		assertThat(backup.getParent()).isEqualTo(root.resolve("backups/tenant"));
		assertThat(filesOutsideDataAndBackups()).isEqualTo(before).containsExactly(root);
	}

	@Test
	void backupOfMissingDatabaseIsNotFound() throws Exception {
		HttpResponse<String> response = post("/actuator/dorm/tenant:nobody/backup");
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.body()).isEqualTo("{\"error\":\"Database 'tenant:nobody' does not exist\"}");
		assertThat(this.dorm.exists("tenant:nobody")).isFalse();
	}

	@Test
	void deleteRemovesDatabaseOnce() throws Exception {
		this.dorm.database("tenant:gone").exec("INSERT INTO notes (title) VALUES ('x')");
		HttpResponse<String> deleted = send("DELETE", "/actuator/dorm/tenant:gone");
		assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);
		assertThat(deleted.body()).isEqualTo("{\"database\":\"tenant:gone\",\"deleted\":true}");
		assertThat(this.dorm.exists("tenant:gone")).isFalse();
		HttpResponse<String> again = send("DELETE", "/actuator/dorm/tenant:gone");
		assertThat(again.statusCode()).isEqualTo(404);
	}

	@Test
	void unknownOperationIsBadRequest() throws Exception {
		HttpResponse<String> response = post("/actuator/dorm/tenant:busy/explode");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(DatabaseFixtures.parse(response.body()).get("error").asString())
			.startsWith("Unknown operation 'explode'; use 'migrate-all' on a kind");
	}

	@Test
	void migrateAllOfUnknownKindIsBadRequest() throws Exception {
		HttpResponse<String> response = post("/actuator/dorm/user/migrate-all");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(DatabaseFixtures.parse(response.body()).get("error").asString())
			.contains("Unknown database kind 'user'");
	}

	/**
	 * Return the files under the test's root folder outside the data directory and the
	 * backup folder, where a backup path that escaped its folder would land.
	 */
	private static Set<Path> filesOutsideDataAndBackups() throws IOException {
		try (Stream<Path> files = Files.walk(root)) {
			return files.filter((file) -> !file.startsWith(root.resolve("data")))
				.filter((file) -> !file.startsWith(root.resolve("backups")))
				.collect(Collectors.toSet());
		}
	}

	private static String queryString(Statement statement, String sql) throws Exception {
		try (ResultSet result = statement.executeQuery(sql)) {
			result.next();
			return result.getString(1);
		}
	}

	private static long queryLong(Statement statement, String sql) throws Exception {
		try (ResultSet result = statement.executeQuery(sql)) {
			result.next();
			return result.getLong(1);
		}
	}

	private HttpResponse<String> post(String path) throws Exception {
		return send("POST", path);
	}

	private HttpResponse<String> send(String method, String path) throws Exception {
		return DatabaseFixtures.send(this.http, this.port, method, path);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Migrations {

		@Bean
		SqlMigrations tenantMigrations() {
			return DatabaseFixtures.notesVersion1("tenant");
		}

	}

}
