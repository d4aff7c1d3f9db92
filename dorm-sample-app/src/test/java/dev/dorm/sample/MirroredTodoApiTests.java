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
import java.util.List;

import dev.dorm.DormClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the mirrored routes under {@code /m/} and the aggregate count, over HTTP
 * against a running server.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class MirroredTodoApiTests {

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
	void mirroredWritesOfTwoTenantsWithEqualIdsBothReachAggregate() throws Exception {
		assertThat(post("/m/left/todos", "{\"id\":\"same\",\"title\":\"Left\"}").statusCode()).isEqualTo(201);
		assertThat(post("/m/right/todos", "{\"id\":\"same\",\"title\":\"Right\"}").statusCode()).isEqualTo(201);
		assertThat(post("/t/left/todos", "{\"id\":\"unmirrored\",\"title\":\"Skip\"}").statusCode()).isEqualTo(201);
		awaitAggregateCount(2);
		assertThat(this.dorm.database("aggregate:main")
			.exec("SELECT dorm_tenant, id, title FROM todos ORDER BY dorm_tenant")
			.rows()).containsExactly(List.of("tenant:left", "same", "Left"), List.of("tenant:right", "same", "Right"));
		assertThat(get("/m/left/count").body()).isEqualTo("{\"count\":2}");
		assertThat(get("/m/left/todos/same").statusCode()).isEqualTo(200);
	}

	@Test
	void aggregateCountIsZeroBeforeAnyMirroredWrite() throws Exception {
		HttpResponse<String> response = get("/aggregate/count");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).matches("\\{\"count\":\\d+\\}");
	}

	private void awaitAggregateCount(long expected) throws Exception {
		long deadline = System.nanoTime() + 20_000_000_000L;
		String body = null;
		while (System.nanoTime() < deadline) {
			body = get("/aggregate/count").body();
			if (body.equals("{\"count\":" + expected + "}")) {
				return;
			}
			Thread.sleep(20);
		}
		throw new AssertionError("Aggregate count stayed at " + body + ", expected " + expected);
	}

	private HttpResponse<String> post(String path, String body) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString(body))
			.build(), BodyHandlers.ofString());
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).build(),
				BodyHandlers.ofString());
	}

}
