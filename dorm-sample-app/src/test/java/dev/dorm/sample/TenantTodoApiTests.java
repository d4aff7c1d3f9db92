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

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import dev.dorm.DatabaseName;
import dev.dorm.DormClient;
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
 * Tests for the todo API under {@code /api}, whose tenant comes from the request, over
 * HTTP against a running server.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "dorm.tenant.base-domain=example.com")
class TenantTodoApiTests {

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
	void todoWrittenUnderApiIsReadUnderTenantPath() throws Exception {
		HttpResponse<String> created = send("POST", "/api/todos", "shared", "{\"id\":\"t1\",\"title\":\"Header\"}");
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		JsonNode row = jsonMapper.readTree(created.body());
		assertThat(row.get("id").stringValue()).isEqualTo("t1");
		assertThat(row.get("done").longValue()).isZero();
		assertThat(send("GET", "/t/shared/todos/t1", null, null).statusCode()).isEqualTo(200);
		assertThat(send("GET", "/api/todos/t1", "shared", null).body())
			.isEqualTo(send("GET", "/t/shared/todos/t1", null, null).body());
	}

	@Test
	void duplicateIdIsConflict() throws Exception {
		send("POST", "/api/todos", "dupes", "{\"id\":\"same\",\"title\":\"One\"}");
		HttpResponse<String> second = send("POST", "/api/todos", "dupes", "{\"id\":\"same\",\"title\":\"Two\"}");
		assertThat(second.statusCode()).isEqualTo(409);
		assertThat(second.body()).isEqualTo("{\"error\":\"Todo 'same' already exists\"}");
	}

	@Test
	void listIsOrderedAndLimited() throws Exception {
		for (String id : new String[] { "c", "a", "b" }) {
			send("POST", "/api/todos", "lists", "{\"id\":\"" + id + "\",\"title\":\"x\"}");
			Thread.sleep(2);
		}
		JsonNode all = jsonMapper.readTree(send("GET", "/api/todos", "lists", null).body());
		assertThat(all.valueStream().map((todo) -> todo.get("id").stringValue()).toList()).containsExactly("c", "a",
				"b");
		assertThat(jsonMapper.readTree(send("GET", "/api/todos?limit=2", "lists", null).body()).size()).isEqualTo(2);
		assertThat(send("GET", "/api/todos?limit=0", "lists", null).body()).isEqualTo("[]");
		assertThat(send("GET", "/api/todos?limit=-1", "lists", null).statusCode()).isEqualTo(400);
	}

	@Test
	void countComesFromAsyncMethodOnRequestTenant() throws Exception {
		send("POST", "/api/todos", "counted", "{\"id\":\"1\",\"title\":\"x\"}");
		send("POST", "/api/todos", "counted", "{\"id\":\"2\",\"title\":\"x\"}");
		assertThat(send("GET", "/api/count", "counted", null).body()).isEqualTo("{\"count\":2}");
		assertThat(send("GET", "/api/count", "other-counted", null).body()).isEqualTo("{\"count\":0}");
	}

	@Test
	void missingTenantIsBadRequest() throws Exception {
		HttpResponse<String> response = send("GET", "/api/count", null, null);
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).isEqualTo("{\"error\":\"No tenant in the request to '/api/count'; "
				+ "name it in header 'X-Tenant-Id' or sub-domain of 'example.com'\"}");
	}

	@Test
	void invalidTenantIsBadRequestAndCreatesNothing() throws Exception {
		List<DatabaseName> before = this.dorm.list("tenant");
		for (String tenant : new String[] { "../x", "con", "a:b", "-a", "x".repeat(121) }) {
			HttpResponse<String> response = send("GET", "/api/count", tenant, null);
			assertThat(response.statusCode()).as(tenant).isEqualTo(400);
			assertThat(response.body()).as(tenant).startsWith("{\"error\":\"Invalid tenant from header 'X-Tenant-Id'");
		}
		assertThat(this.dorm.list("tenant")).isEqualTo(before);
	}

	@Test
	void mirrorDatabaseCannotBeNamedAsTenant() throws Exception {
		List<DatabaseName> before = this.dorm.list("aggregate");
		for (String tenant : new String[] { "aggregate:main", "aggregate:other" }) {
			HttpResponse<String> response = send("GET", "/api/todos", tenant, null);
			assertThat(response.statusCode()).as(tenant).isEqualTo(400);
			assertThat(response.body()).as(tenant).contains("is a database of kind 'aggregate'");
		}
		assertThat(this.dorm.list("aggregate")).isEqualTo(before);
	}

	@Test
	void subdomainNamesTenant() throws Exception {
		send("POST", "/api/todos", "sub", "{\"id\":\"s1\",\"title\":\"x\"}");
		assertThat(rawGet("/api/count", "sub.example.com", null)).endsWith("{\"count\":1}");
		assertThat(rawGet("/api/count", "SUB.Example.com:8080", null)).endsWith("{\"count\":1}");
	}

	@Test
	void subdomainThatDisagreesWithHeaderIsForbidden() throws Exception {
		String response = rawGet("/api/count", "sub.example.com", "other");
		assertThat(response).startsWith("HTTP/1.1 403");
		assertThat(response).contains("does not match tenant");
	}

	@Test
	void nestedSubdomainIsBadRequest() throws Exception {
		assertThat(rawGet("/api/count", "a.b.example.com", null)).startsWith("HTTP/1.1 400");
	}

	private HttpResponse<String> send(String method, String path, String tenant, String body)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.method(method, (body != null) ? BodyPublishers.ofString(body) : BodyPublishers.noBody());
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		if (tenant != null) {
			request.header("X-Tenant-Id", tenant);
		}
		return this.http.send(request.build(), BodyHandlers.ofString());
	}

	/**
	 * Send a GET with a chosen Host header, which the JDK client does not allow to set.
	 */
	private String rawGet(String path, String host, String tenant) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			OutputStream out = socket.getOutputStream();
			String request = "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n"
					+ ((tenant != null) ? "X-Tenant-Id: " + tenant + "\r\n" : "") + "Connection: close\r\n\r\n";
			out.write(request.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			BufferedReader reader = new BufferedReader(
					new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
			StringBuilder response = new StringBuilder();
			String line;
			while ((line = reader.readLine()) != null) {
				response.append(line).append('\n');
			}
			return response.toString().strip();
		}
	}

}
