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

package dev.dorm.web;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * HTTP client for tests of the SQL endpoint, on 127.0.0.1 only.
 */
final class SqlEndpointHttp {

	/**
	 * Admin secret of the test applications.
	 */
	static final String SECRET = "test-admin-secret-0123456789";

	/**
	 * Properties that every test application of the endpoint sets.
	 */
	static final String[] PROPERTIES = { "dorm.sql-endpoint.secret=" + SECRET,
			"dorm.migrations.locations=classpath:sql-endpoint-app/{kind}" };

	static final Map<String, String> CORS_HEADERS = Map.of("Access-Control-Allow-Origin", "*",
			"Access-Control-Allow-Methods", "GET, POST, PATCH, PUT, DELETE, OPTIONS", "Access-Control-Allow-Headers",
			"Authorization, Content-Type, X-Starbase-Source, X-Data-Source", "Access-Control-Max-Age", "86400");

	private static final JsonMapper jsonMapper = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private final int port;

	SqlEndpointHttp(int port) {
		this.port = port;
	}

	HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(Duration.ofSeconds(60));
	}

	/**
	 * Send a POST with a JSON body and the given credentials.
	 * @param path the path
	 * @param authorization the value of the {@code Authorization} header, or {@code null}
	 * for none
	 * @param body the body, sent as is
	 * @return the response
	 */
	HttpResponse<String> post(String path, String authorization, String body) throws IOException, InterruptedException {
		HttpRequest.Builder request = request(path).header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString(body));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return send(request.build());
	}

	/**
	 * Send a POST with a JSON body and the admin secret as bearer token.
	 */
	HttpResponse<String> admin(String path, String body) throws IOException, InterruptedException {
		return post(path, "Bearer " + SECRET, body);
	}

	/**
	 * Run one statement as admin on a database and return the {@code result} object of a
	 * successful response.
	 */
	JsonNode sql(String database, String sql) throws IOException, InterruptedException {
		HttpResponse<String> response = admin("/db/" + database + "/query/raw",
				jsonMapper.writeValueAsString(Map.of("sql", sql)));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return json(response).get("result");
	}

	HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
		return this.http.send(request, BodyHandlers.ofString());
	}

	HttpClient client() {
		return this.http;
	}

	static JsonNode json(HttpResponse<String> response) {
		return jsonMapper.readTree(response.body());
	}

	static String toJson(Object value) {
		return jsonMapper.writeValueAsString(value);
	}

	/**
	 * Return the message of an error response, checking its shape and CORS headers.
	 */
	static String error(HttpResponse<String> response) {
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
		assertCors(response);
		JsonNode body = json(response);
		assertThat(body.propertyNames()).containsExactly("error");
		return body.get("error").stringValue();
	}

	static void assertCors(HttpResponse<?> response) {
		CORS_HEADERS
			.forEach((name, value) -> assertThat(response.headers().allValues(name)).as(name).containsExactly(value));
	}

}
