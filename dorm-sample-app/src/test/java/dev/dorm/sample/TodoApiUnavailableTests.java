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
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import dev.dorm.DormClient;
import dev.dorm.DormCursor;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the todo API when a tenant database cannot be used: its migration fails, or
 * no slot among the open databases becomes free in time.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "dorm.kinds.tenant.locations=classpath:db/broken-tenant",
				"dorm.kinds.holder.locations=classpath:db/dorm/tenant", "dorm.max-open=1",
				"dorm.connection.acquire-timeout=300ms" })
class TodoApiUnavailableTests {

	private static final JsonMapper jsonMapper = JsonMapper.builder().build();

	@TempDir
	static Path root;

	@LocalServerPort
	int port;

	@Autowired
	DormClient dorm;

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@DynamicPropertySource
	static void dataDirectory(DynamicPropertyRegistry registry) {
		registry.add("dorm.data-dir", () -> root.resolve("data").toString());
	}

	@Test
	void failedMigrationReturns503() throws Exception {
		HttpResponse<String> response = get("/t/acme/count");
		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(errorMessage(response)).startsWith("Migration of database 'tenant:acme'").contains("syntax error");
		assertThat(get("/t/acme/todos").statusCode()).isEqualTo(503);
	}

	@Test
	void busyDatabasesReturn503() throws Exception {
		try (DormCursor<Map<String, @Nullable Object>> cursor = this.dorm.database("holder:one")
			.stream("SELECT 1 AS one")) {
			assertThat(cursor.isClosed()).isFalse();
			HttpResponse<String> response = get("/t/waiting/count");
			assertThat(response.statusCode()).isEqualTo(503);
			assertThat(errorMessage(response))
				.startsWith("Timed out after 300 ms waiting to open database 'tenant:waiting'");
		}
	}

	private HttpResponse<String> get(String path) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(Duration.ofSeconds(30))
			.GET()
			.build();
		return this.http.send(request, BodyHandlers.ofString());
	}

	private static String errorMessage(HttpResponse<String> response) {
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
		JsonNode error = jsonMapper.readTree(response.body());
		assertThat(error.propertyNames()).containsExactly("error");
		return error.get("error").stringValue();
	}

}
