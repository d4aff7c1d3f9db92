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

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.dorm.DatabaseName;
import dev.dorm.DormClient;
import dev.dorm.web.app.SqlEndpointTestApplication;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests every entry of the SQL endpoint with hostile input: malformed and oversized
 * bodies, wrong types, NUL and non-ASCII characters in SQL, and database names that try
 * to leave the data directory.
 */
@SpringBootTest(classes = SqlEndpointTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "dorm.sql-endpoint.max-request-size=64KB")
class SqlEndpointHostileInputTests {

	@TempDir
	static Path dataDirectory;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("dorm.data-dir", dataDirectory::toString);
		for (String property : SqlEndpointHttp.PROPERTIES) {
			int equals = property.indexOf('=');
			registry.add(property.substring(0, equals), () -> property.substring(equals + 1));
		}
	}

	@LocalServerPort
	int port;

	@Autowired
	DormClient dorm;

	private SqlEndpointHttp http;

	@BeforeEach
	void createClient() {
		this.http = new SqlEndpointHttp(this.port);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '`',
			textBlock = """
					{"sql":                                   | not valid JSON
					{'sql':'SELECT 1'}                        | not valid JSON
					{"sql":"SELECT 1"} {"sql":"SELECT 2"}     | not valid JSON
					{"sql":"SELECT 1"} x                      | not valid JSON
					{"sql":"SELECT 1","sql":"DROP TABLE kv"}  | not valid JSON
					``                                        | The request body is empty
					null                                      | must be a JSON object
					[]                                        | must be a JSON object
					"SELECT 1"                                | must be a JSON object
					42                                        | must be a JSON object
					{}                                        | neither 'sql' nor 'transaction'
					{"query":"SELECT 1"}                      | neither 'sql' nor 'transaction'
					{"sql":null}                              | neither 'sql' nor 'transaction'
					{"sql":5}                                 | 'sql' must be a JSON string, but is a JSON number
					{"sql":["SELECT 1"]}                      | 'sql' must be a JSON string, but is a JSON array
					{"sql":{"text":"SELECT 1"}}               | 'sql' must be a JSON string, but is a JSON object
					{"sql":true}                              | 'sql' must be a JSON string, but is a JSON boolean
					{"sql":""}                                | contains no statement
					{"sql":"   ;  ; -- nothing"}              | contains no statement
					{"sql":"SELECT 1; SELECT 2"}              | contains 2 statements
					{"sql":"SELECT 1","params":{}}            | 'params' must be a JSON array
					{"sql":"SELECT 1","params":"x"}           | 'params' must be a JSON array
					{"sql":"SELECT ?","params":[{}]}          | 'params[0]' must be a string, number, boolean or null, but is a JSON object
					{"sql":"SELECT ?, ?","params":[1,[2]]}    | 'params[1]' must be a string, number, boolean or null, but is a JSON array
					{"sql":"SELECT ?","params":[9223372036854775808]} | 'params[0]' is 9223372036854775808, outside the range
					{"sql":"SELECT ?","params":[1e400]}       | 'params[0]' is
					{"sql":"SELECT ?, ?","params":[1]}        | 2 parameters but 1 value was given
					{"sql":"SELECT 1","params":[1]}           | 0 parameters but 1 value was given
					{"sql":"SELECT 1","transaction":[]}       | both 'sql' and 'transaction'
					{"transaction":[]}                        | 'transaction' is empty
					{"transaction":{}}                        | 'transaction' must be a JSON array
					{"transaction":"SELECT 1"}                | 'transaction' must be a JSON array
					{"transaction":[1]}                       | 'transaction[0]' must be a JSON object
					{"transaction":[{"sql":"SELECT 1"},null]} | 'transaction[1]' must be a JSON object
					{"transaction":[{"sql":7}]}               | 'transaction[0].sql' must be a JSON string
					{"transaction":[{"params":[]}]}           | 'transaction[0].sql' is missing
					{"transaction":[{"sql":"SELECT ?","params":[{}]}]} | 'transaction[0].params[0]' must be
					""")
	void invalidBodyIs400(String body, String expectedError) throws Exception {
		for (String operation : List.of("raw", "stream")) {
			HttpResponse<String> response = this.http.admin("/db/hostile/query/" + operation, body);
			assertThat(response.statusCode()).as(operation + " " + body).isEqualTo(400);
			String error = SqlEndpointHttp.error(response);
			if (!operation.equals("stream") || !body.contains("transaction")) {
				assertThat(error).as(operation + " " + body).contains(expectedError);
			}
		}
		assertThat(schema("tenant:hostile")).isEqualTo(schema("tenant:hostile-reference"));
		assertThat(this.dorm.database("tenant:hostile").exec("SELECT count(*) FROM kv").rows())
			.containsExactly(List.of(0L));
	}

	private String schema(String database) {
		return this.dorm.database(database)
			.exec("SELECT type, name, sql FROM sqlite_schema ORDER BY name")
			.rows()
			.toString();
	}

	@Test
	void deeplyNestedJsonIs400() throws Exception {
		String body = "{\"sql\":\"SELECT 1\",\"params\":" + "[".repeat(20_000) + "]".repeat(20_000) + "}";
		HttpResponse<String> response = this.http.admin("/db/nested/query/raw", body);
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(SqlEndpointHttp.error(response)).contains("not valid JSON");
	}

	@Test
	void oversizedBodyIs413() throws Exception {
		String sql = "SELECT '" + "x".repeat(70 * 1024) + "'";
		HttpResponse<String> declared = this.http.admin("/db/large/query/raw",
				SqlEndpointHttp.toJson(Map.of("sql", sql)));
		assertThat(declared.statusCode()).isEqualTo(413);
		assertThat(SqlEndpointHttp.error(declared)).contains("65536 bytes")
			.contains("'dorm.sql-endpoint.max-request-size'");
		byte[] content = SqlEndpointHttp.toJson(Map.of("sql", sql)).getBytes(StandardCharsets.UTF_8);
		HttpResponse<String> chunked = this.http.send(this.http.request("/db/large/query/stream")
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + SqlEndpointHttp.SECRET)
			.POST(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(content)))
			.build());
		assertThat(chunked.statusCode()).isEqualTo(413);
		SqlEndpointHttp.error(chunked);
		HttpResponse<String> atLimit = this.http.admin("/db/large/query/raw",
				SqlEndpointHttp.toJson(Map.of("sql", "SELECT '" + "x".repeat(60 * 1024) + "' AS big")));
		assertThat(atLimit.statusCode()).isEqualTo(200);
	}

	@Test
	void nonJsonContentTypeIs415() throws Exception {
		for (String type : List.of("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
				"not a type")) {
			HttpResponse<String> response = this.http.send(this.http.request("/db/types/query/raw")
				.header("Content-Type", type)
				.header("Authorization", "Bearer " + SqlEndpointHttp.SECRET)
				.POST(BodyPublishers.ofString("{\"sql\":\"CREATE TABLE forged (a)\"}"))
				.build());
			assertThat(response.statusCode()).as(type).isEqualTo(415);
			assertThat(SqlEndpointHttp.error(response)).as(type).contains("application/json");
		}
		HttpResponse<String> charset = this.http.send(this.http.request("/db/types/query/raw")
			.header("Content-Type", "application/json; charset=UTF-8")
			.header("Authorization", "Bearer " + SqlEndpointHttp.SECRET)
			.POST(BodyPublishers.ofString("{\"sql\":\"SELECT 1\"}"))
			.build());
		assertThat(charset.statusCode()).isEqualTo(200);
		assertThat(this.dorm.database("tenant:types")
			.exec("SELECT count(*) FROM sqlite_schema WHERE name = 'forged'")
			.rows()).containsExactly(List.of(0L));
	}

	@Test
	void nulInSqlIs400() throws Exception {
		for (String sql : List.of("SELECT 1\u0000; DROP TABLE kv", "SELECT '\u0000'", "\u0000")) {
			HttpResponse<String> response = this.http.admin("/db/nul-characters/query/raw",
					SqlEndpointHttp.toJson(Map.of("sql", sql)));
			assertThat(response.statusCode()).isEqualTo(400);
			assertThat(SqlEndpointHttp.error(response)).contains("NUL character");
		}
		assertThat(this.http.sql("nul-characters", "SELECT count(*) FROM kv").get("rows").toString())
			.isEqualTo("[[0]]");
	}

	@Test
	void unicodeInSqlRoundTrips() throws Exception {
		String text = "Grüße \u2713 \uD83D\uDE00 \"quoted\" \\ back\u2028line";
		HttpResponse<String> response = this.http.admin("/db/unicode/query/raw", SqlEndpointHttp.toJson(Map.of("sql",
				"SELECT ? AS \"naïve ✓\", '" + text.replace("'", "''") + "' AS literal", "params", List.of(text))));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode result = SqlEndpointHttp.json(response).get("result");
		assertThat(result.get("columns").get(0).stringValue()).isEqualTo("naïve ✓");
		assertThat(result.get("rows").get(0).get(0).stringValue()).isEqualTo(text);
		assertThat(result.get("rows").get(0).get(1).stringValue()).isEqualTo(text);
		HttpResponse<String> loneSurrogate = this.http.admin("/db/unicode/query/raw",
				"{\"sql\":\"SELECT ? AS v\",\"params\":[\"\\ud800\"]}");
		assertThat(loneSurrogate.statusCode()).isIn(200, 400);
	}

	@Test
	void hostileDatabaseNamesAreRejected() throws Exception {
		List<DatabaseName> before = this.dorm.list("tenant");
		for (String name : List.of("..", ".", "%2e%2e", "a%2Fb", "a%5Cb", "%00", "con", "a:b:c", "-a", "a%20b",
				"x".repeat(121), "tenant:" + "y".repeat(121), "%C3%A9", "tenant:", ":acme")) {
			HttpResponse<String> response = this.http.admin("/db/" + name + "/query/raw", "{\"sql\":\"SELECT 1\"}");
			assertThat(response.statusCode()).as(name).isEqualTo(400);
		}
		HttpResponse<String> traversal = this.http.admin("/db/..%2F..%2Fetc/query/raw", "{\"sql\":\"SELECT 1\"}");
		assertThat(traversal.statusCode()).isEqualTo(400);
		HttpResponse<String> invalid = this.http.admin("/db/-a/query/raw", "{\"sql\":\"SELECT 1\"}");
		assertThat(SqlEndpointHttp.error(invalid)).startsWith("Invalid database name '-a'");
		HttpResponse<String> overlong = this.http.admin("/db/" + "x".repeat(121) + "/query/raw",
				"{\"sql\":\"SELECT 1\"}");
		assertThat(SqlEndpointHttp.error(overlong)).contains("at most 120 characters");
		HttpResponse<String> unknownKind = this.http.admin("/db/user:1/query/raw", "{\"sql\":\"SELECT 1\"}");
		assertThat(unknownKind.statusCode()).isEqualTo(404);
		assertThat(SqlEndpointHttp.error(unknownKind)).contains("Unknown database kind 'user'");
		HttpResponse<String> unknownKindStream = this.http.admin("/db/user:1/query/stream", "{\"sql\":\"SELECT 1\"}");
		assertThat(unknownKindStream.statusCode()).isEqualTo(404);
		assertThat(this.dorm.list("tenant")).isEqualTo(before);
		try (Stream<Path> files = Files.list(dataDirectory)) {
			assertThat(files.map((path) -> path.getFileName().toString())).containsOnly("tenant");
		}
	}

	@Test
	void hostileTenantHeaderIsRejected() throws Exception {
		for (String tenant : List.of("../x", "con", "a:b", "user:1")) {
			HttpResponse<String> response = this.http.send(this.http.request("/db/query/raw")
				.header("Content-Type", "application/json")
				.header("Authorization", "Bearer " + SqlEndpointHttp.SECRET)
				.header("X-Tenant-Id", tenant)
				.POST(BodyPublishers.ofString("{\"sql\":\"SELECT 1\"}"))
				.build());
			assertThat(response.statusCode()).as(tenant).isEqualTo(400);
			assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).as(tenant).hasValue("*");
		}
	}

}
