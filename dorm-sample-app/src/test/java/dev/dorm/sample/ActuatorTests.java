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

package dev.dorm.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests the Actuator endpoints that the sample app exposes, over HTTP against a running
 * server.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ActuatorTests {

	private static final JsonMapper jsonMapper = JsonMapper.builder().build();

	@TempDir
	static Path root;

	@LocalServerPort
	int port;

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@DynamicPropertySource
	static void folders(DynamicPropertyRegistry registry) {
		registry.add("dorm.data-dir", () -> root.resolve("data").toString());
		registry.add("dorm.actuator.backup-dir", () -> root.resolve("backups").toString());
	}

	@Test
	void healthReportsDormComponent() throws Exception {
		HttpResponse<String> response = send("GET", "/actuator/health", null);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode dorm = jsonMapper.readTree(response.body()).get("components").get("dorm");
		assertThat(dorm.get("status").asString()).isEqualTo("UP");
		assertThat(dorm.get("details").get("maxOpen").asInt()).isEqualTo(256);
		assertThat(dorm.get("details").get("failedMigrations").asInt()).isZero();
	}

	@Test
	void dormEndpointReportsTenantDatabases() throws Exception {
		assertThat(send("POST", "/t/ops/todos", "{\"id\":\"a1\",\"title\":\"Check\"}").statusCode()).isEqualTo(201);
		JsonNode summary = jsonMapper.readTree(send("GET", "/actuator/dorm", null).body());
		assertThat(summary.get("kinds").get("tenant").get("databases").asInt()).isPositive();
		assertThat(summary.get("kinds").get("tenant").get("migrations").get("targetVersion").asString()).isEqualTo("1");
		assertThat(summary.get("mirror").get("parkedRecords").asLong()).isZero();
		JsonNode database = jsonMapper.readTree(send("GET", "/actuator/dorm/tenant:ops", null).body());
		assertThat(database.get("open").asBoolean()).isTrue();
		assertThat(database.get("migration").get("state").asString()).isEqualTo("CURRENT");
	}

	@Test
	void metricsListDormMeters() throws Exception {
		assertThat(send("POST", "/t/metered/todos", "{\"id\":\"a1\",\"title\":\"Count\"}").statusCode()).isEqualTo(201);
		HttpResponse<String> opens = send("GET", "/actuator/metrics/dorm.database.opens?tag=kind:tenant", null);
		assertThat(opens.statusCode()).as(opens.body()).isEqualTo(200);
		assertThat(jsonMapper.readTree(opens.body()).get("availableTags").toString()).contains("created");
		assertThat(send("GET", "/actuator/metrics/dorm.databases.open", null).statusCode()).isEqualTo(200);
		assertThat(send("GET", "/actuator/metrics/dorm.mirror.lag", null).statusCode()).isEqualTo(200);
	}

	@Test
	void writeOperationsAreOffByDefault() throws Exception {
		HttpResponse<String> response = send("POST", "/actuator/dorm/tenant/migrate-all", null);
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.body()).contains("dorm.actuator.write-operations=true");
	}

	private HttpResponse<String> send(String method, String path, String json) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path));
		if (json != null) {
			request.header("Content-Type", "application/json").method(method, BodyPublishers.ofString(json));
		}
		else {
			request.method(method, BodyPublishers.noBody());
		}
		return this.http.send(request.build(), BodyHandlers.ofString());
	}

}
