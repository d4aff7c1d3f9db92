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

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.time.Duration;

import dev.dorm.web.SqlEndpointKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests the SQL endpoint of the sample application next to its todo API, over HTTP
 * against a running server.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SqlEndpointSampleTests {

	@TempDir
	static Path root;

	@LocalServerPort
	int port;

	@Value("${dorm.sql-endpoint.secret}")
	String secret;

	@Autowired
	SqlEndpointKeys keys;

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@DynamicPropertySource
	static void dataDirectory(DynamicPropertyRegistry registry) {
		registry.add("dorm.data-dir", () -> root.resolve("data").toString());
	}

	@Test
	void endpointReadsTodosOfTheApi() throws Exception {
		assertThat(post("/t/studio/todos", null, "{\"id\":\"s1\",\"title\":\"Browse me\"}").statusCode())
			.isEqualTo(201);
		HttpResponse<String> response = post("/db/studio/query/raw", "Bearer " + this.secret,
				"{\"sql\":\"SELECT id, title, done FROM todos\"}");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("{\"result\":{\"columns\":[\"id\",\"title\",\"done\"],"
				+ "\"rows\":[[\"s1\",\"Browse me\",0]],\"meta\":{\"rows_read\":1,\"rows_written\":0}}}");
	}

	@Test
	void accessKeyOpensOnlyItsTenant() throws Exception {
		String key = this.keys.keyFor("tenant:keyed");
		assertThat(
				post("/db/keyed/query/raw", "Bearer " + key, "{\"sql\":\"SELECT count(*) FROM todos\"}").statusCode())
			.isEqualTo(200);
		assertThat(
				post("/db/other/query/raw", "Bearer " + key, "{\"sql\":\"SELECT count(*) FROM todos\"}").statusCode())
			.isEqualTo(403);
	}

	@Test
	void endpointNeedsCredentials() throws Exception {
		HttpResponse<String> response = post("/db/studio/query/raw", null, "{\"sql\":\"SELECT 1\"}");
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
	}

	@Test
	void todoRoutesStayOpen() throws Exception {
		HttpResponse<String> created = post("/api/todos", null, "{\"id\":\"o1\",\"title\":\"Open\"}", "X-Tenant-Id",
				"open");
		assertThat(created.statusCode()).isEqualTo(201);
		HttpResponse<String> count = this.http.send(request("/t/open/count").GET().build(), BodyHandlers.ofString());
		assertThat(count.statusCode()).isEqualTo(200);
		assertThat(count.body()).isEqualTo("{\"count\":1}");
		assertThat(count.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
	}

	private HttpResponse<String> post(String path, String authorization, String body, String... headers)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = request(path).header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString(body));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		if (headers.length > 0) {
			request.headers(headers);
		}
		return this.http.send(request.build(), BodyHandlers.ofString());
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(Duration.ofSeconds(30));
	}

}
