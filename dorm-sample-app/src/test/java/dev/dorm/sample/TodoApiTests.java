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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import dev.dorm.DormClient;
import dev.dorm.DormDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
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
 * Tests for the todo API, over HTTP against a running server.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class TodoApiTests {

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
	void createReturnsRowWith201() throws Exception {
		long before = System.currentTimeMillis();
		HttpResponse<String> response = post("/t/create/todos", "{\"id\":\"a1\",\"title\":\"Buy milk\"}");
		long after = System.currentTimeMillis();
		assertThat(response.statusCode()).isEqualTo(201);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
		JsonNode todo = json(response);
		assertThat(todo.propertyNames()).containsExactly("id", "title", "done", "created_at");
		assertThat(todo.get("id").stringValue()).isEqualTo("a1");
		assertThat(todo.get("title").stringValue()).isEqualTo("Buy milk");
		assertThat(todo.get("done").isIntegralNumber()).isTrue();
		assertThat(todo.get("done").longValue()).isZero();
		assertThat(todo.get("created_at").isIntegralNumber()).isTrue();
		assertThat(todo.get("created_at").longValue()).isBetween(before, after);
	}

	@Test
	void createIgnoresOtherFields() throws Exception {
		HttpResponse<String> response = post("/t/extra/todos",
				"{\"id\":\"a1\",\"title\":\"Buy milk\",\"done\":1,\"created_at\":5,\"owner\":\"x\"}");
		assertThat(response.statusCode()).isEqualTo(201);
		JsonNode todo = json(response);
		assertThat(todo.propertyNames()).containsExactly("id", "title", "done", "created_at");
		assertThat(todo.get("done").longValue()).isZero();
		assertThat(todo.get("created_at").longValue()).isNotEqualTo(5);
	}

	@Test
	void createKeepsUnicodeTitle() throws Exception {
		String title = "Grüße \u2713 \uD83D\uDE00 \"quoted\" \\ back";
		HttpResponse<String> created = post("/t/unicode/todos",
				jsonMapper.writeValueAsString(new NewTodo("u1", title)));
		assertThat(created.statusCode()).isEqualTo(201);
		assertThat(json(created).get("title").stringValue()).isEqualTo(title);
		assertThat(json(get("/t/unicode/todos/u1")).get("title").stringValue()).isEqualTo(title);
	}

	@Test
	void createDuplicateIdReturns409() throws Exception {
		assertThat(post("/t/duplicate/todos", "{\"id\":\"a1\",\"title\":\"first\"}").statusCode()).isEqualTo(201);
		HttpResponse<String> response = post("/t/duplicate/todos", "{\"id\":\"a1\",\"title\":\"second\"}");
		assertThat(response.statusCode()).isEqualTo(409);
		assertThat(errorMessage(response)).isEqualTo("Todo 'a1' already exists in database 'tenant:duplicate'");
		assertThat(json(get("/t/duplicate/todos/a1")).get("title").stringValue()).isEqualTo("first");
		assertThat(json(get("/t/duplicate/count")).get("count").longValue()).isOne();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '`',
			textBlock = """
					{"title":"t"}                 | field 'id' is missing
					{"id":"x"}                    | field 'title' is missing
					{"id":"x","title":5}          | field 'title' must be a JSON string, but got the JSON number 5
					{"id":7,"title":"t"}          | field 'id' must be a JSON string, but got the JSON number 7
					{"id":null,"title":"t"}       | field 'id' must be a JSON string, but got null
					{"id":"x","title":["t"]}      | field 'title' must be a JSON string, but got the JSON array ["t"]
					[{"id":"x","title":"t"}]      | expected a JSON object with string fields 'id' and 'title', but got the JSON array
					"x"                           | expected a JSON object with string fields 'id' and 'title', but got the JSON string
					null                          | Invalid request body
					{"id":"x",                    | not valid JSON
					{'id':'x','title':'t'}        | not valid JSON
					``                            | the body is missing or empty
					""")
	void createRejectsInvalidBody(String body, String expectedError) throws Exception {
		HttpResponse<String> response = post("/t/badbody/todos", body);
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(errorMessage(response)).startsWith("Invalid request body").contains(expectedError);
		assertThat(json(get("/t/badbody/count")).get("count").longValue()).isZero();
	}

	@Test
	void createRejectsBodyThatIsNotJson() throws Exception {
		HttpRequest request = request("/t/plain/todos").header("Content-Type", "text/plain")
			.POST(BodyPublishers.ofString("{\"id\":\"x\",\"title\":\"t\"}"))
			.build();
		HttpResponse<String> response = this.http.send(request, BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(415);
		assertThat(errorMessage(response)).contains("'text/plain'").contains("application/json");
	}

	@Test
	void getReturnsRow() throws Exception {
		JsonNode created = json(post("/t/get/todos", "{\"id\":\"g1\",\"title\":\"Read\"}"));
		HttpResponse<String> response = get("/t/get/todos/g1");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
		assertThat(json(response)).isEqualTo(created);
	}

	@Test
	void getUnknownIdReturns404() throws Exception {
		HttpResponse<String> response = get("/t/get-missing/todos/nope");
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(errorMessage(response)).isEqualTo("Todo 'nope' not found in database 'tenant:get-missing'");
	}

	@Test
	void getDecodesIdFromPath() throws Exception {
		String id = "a b?c&d";
		assertThat(post("/t/encoded/todos", jsonMapper.writeValueAsString(new NewTodo(id, "t"))).statusCode())
			.isEqualTo(201);
		HttpResponse<String> response = get("/t/encoded/todos/a%20b%3Fc%26d");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(json(response).get("id").stringValue()).isEqualTo(id);
	}

	@Test
	void listOrdersByCreatedAtThenId() throws Exception {
		DormDatabase database = this.dorm.database("tenant:order");
		insert(database, "b", 2000);
		insert(database, "c", 1000);
		insert(database, "a", 2000);
		insert(database, "d", 1000);
		HttpResponse<String> response = get("/t/order/todos");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
		JsonNode todos = json(response);
		assertThat(todos.isArray()).isTrue();
		assertThat(ids(todos)).containsExactly("c", "d", "a", "b");
		assertThat(todos.get(0).propertyNames()).containsExactly("id", "title", "done", "created_at");
		assertThat(todos.get(0).get("created_at").longValue()).isEqualTo(1000);
		assertThat(ids(json(get("/t/order/todos?limit=3")))).containsExactly("c", "d", "a");
	}

	@Test
	void listReturnsRowsCreatedThroughApi() throws Exception {
		for (int i = 0; i < 3; i++) {
			assertThat(post("/t/list-api/todos", "{\"id\":\"t" + i + "\",\"title\":\"x\"}").statusCode())
				.isEqualTo(201);
		}
		assertThat(ids(json(get("/t/list-api/todos")))).containsExactly("t0", "t1", "t2");
	}

	@Test
	void listOfNewTenantIsEmpty() throws Exception {
		HttpResponse<String> response = get("/t/list-empty/todos");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("[]");
	}

	@Test
	void listAppliesDefaultLimitAndCap() throws Exception {
		DormDatabase database = this.dorm.database("tenant:many");
		database.transactionWithoutResult((transaction) -> {
			for (int i = 0; i < 1005; i++) {
				insert(transaction, String.format("id%04d", i), i);
			}
		});
		assertThat(json(get("/t/many/todos")).size()).isEqualTo(TodoController.DEFAULT_LIMIT);
		assertThat(json(get("/t/many/todos?limit=0")).size()).isZero();
		assertThat(json(get("/t/many/todos?limit=7")).size()).isEqualTo(7);
		assertThat(json(get("/t/many/todos?limit=1000")).size()).isEqualTo(1000);
		assertThat(json(get("/t/many/todos?limit=1001")).size()).isEqualTo(TodoController.MAX_LIMIT);
		assertThat(json(get("/t/many/todos?limit=99999999999999999999")).size()).isEqualTo(TodoController.MAX_LIMIT);
		JsonNode capped = json(get("/t/many/todos?limit=5000"));
		assertThat(capped.size()).isEqualTo(TodoController.MAX_LIMIT);
		assertThat(capped.get(0).get("id").stringValue()).isEqualTo("id0000");
		assertThat(capped.get(999).get("id").stringValue()).isEqualTo("id0999");
		assertThat(json(get("/t/many/count")).get("count").longValue()).isEqualTo(1005);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			-1     | -1
			abc    | abc
			1.5    | 1.5
			%2B5   | +5
			1e3    | 1e3
			%205   | ' 5'
			''     | ''
			""")
	void listRejectsInvalidLimit(String limit, String decodedLimit) throws Exception {
		HttpResponse<String> response = get("/t/badlimit/todos?limit=" + limit);
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(errorMessage(response)).isEqualTo("Invalid limit '" + decodedLimit
				+ "': the limit must be a non-negative integer, and values above 1000 count as 1000");
	}

	@Test
	void countReturnsNumberOfTodos() throws Exception {
		HttpResponse<String> empty = get("/t/count/count");
		assertThat(empty.statusCode()).isEqualTo(200);
		assertThat(empty.headers().firstValue("Content-Type")).hasValue("application/json");
		assertThat(json(empty).propertyNames()).containsExactly("count");
		assertThat(json(empty).get("count").longValue()).isZero();
		post("/t/count/todos", "{\"id\":\"1\",\"title\":\"x\"}");
		post("/t/count/todos", "{\"id\":\"2\",\"title\":\"x\"}");
		post("/t/count/todos", "{\"id\":\"2\",\"title\":\"duplicate\"}");
		assertThat(json(get("/t/count/count")).get("count").longValue()).isEqualTo(2);
	}

	@Test
	void tenantsAreIsolated() throws Exception {
		assertThat(post("/t/alpha/todos", "{\"id\":\"shared\",\"title\":\"alpha\"}").statusCode()).isEqualTo(201);
		assertThat(get("/t/beta/todos/shared").statusCode()).isEqualTo(404);
		assertThat(json(get("/t/beta/count")).get("count").longValue()).isZero();
		assertThat(json(get("/t/beta/todos")).size()).isZero();
		assertThat(post("/t/beta/todos", "{\"id\":\"shared\",\"title\":\"beta\"}").statusCode()).isEqualTo(201);
		assertThat(json(get("/t/alpha/todos/shared")).get("title").stringValue()).isEqualTo("alpha");
		assertThat(json(get("/t/beta/todos/shared")).get("title").stringValue()).isEqualTo("beta");
	}

	@Test
	void tenantNamesDifferingInCaseAreSeparate() throws Exception {
		assertThat(post("/t/Case/todos", "{\"id\":\"1\",\"title\":\"upper\"}").statusCode()).isEqualTo(201);
		assertThat(get("/t/case/todos/1").statusCode()).isEqualTo(404);
		assertThat(json(get("/t/Case/todos/1")).get("title").stringValue()).isEqualTo("upper");
	}

	@ParameterizedTest
	@ValueSource(strings = { "..", "%2e%2e", "%2E%2E", ".", "a%3Ab", "a%20b", "con", "CON.txt", "-a", "a.", "%C3%A9",
			"tenant%3Aa" })
	void hostileTenantIsRejectedWith400(String tenant) throws Exception {
		List<Path> filesBefore = listFiles(root);
		List<HttpResponse<String>> responses = List.of(
				post("/t/" + tenant + "/todos", "{\"id\":\"x\",\"title\":\"t\"}"), get("/t/" + tenant + "/todos/x"),
				get("/t/" + tenant + "/todos"), get("/t/" + tenant + "/count"));
		for (HttpResponse<String> response : responses) {
			assertThat(response.statusCode()).as(response.uri().toString()).isEqualTo(400);
			// Spring Security's firewall rejects '.', '..' and encoded periods before the
			// application sees the path.
			assertThat(errorMessage(response)).as(response.uri().toString())
				.matches("Invalid (database name|request path).*");
		}
		assertThat(listFiles(root)).isEqualTo(filesBefore);
	}

	@Test
	void overlongTenantIsRejectedWith400() throws Exception {
		String tenant = "a".repeat(200);
		List<Path> filesBefore = listFiles(root);
		HttpResponse<String> response = post("/t/" + tenant + "/todos", "{\"id\":\"x\",\"title\":\"t\"}");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(errorMessage(response)).contains("a key must be at most 120 characters long, but has 200");
		assertThat(get("/t/" + tenant + "/count").statusCode()).isEqualTo(400);
		assertThat(listFiles(root)).isEqualTo(filesBefore);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/t/a%00b/count", "/t/..%2F..%2Fescape/count", "/t/a%2Fb/todos", "/t/../../etc/passwd",
			"/t/%2e%2e/%2e%2e/%2e%2e/count", "/t/%252e%252e/count" })
	void malformedPathIsRejectedByTomcat(String path) throws Exception {
		List<Path> filesBefore = listFiles(root);
		// Tomcat rejects these paths (a NUL byte, an encoded '/' or '%', a '..' above the
		// root) before they reach the application, with its own error page instead of
		// JSON.
		HttpResponse<String> response = get(path);
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(listFiles(root)).isEqualTo(filesBefore);
	}

	@Test
	void hostileTenantsCreateNoFileOutsideDataDirectory() throws Exception {
		for (String tenant : List.of("..", "%2e%2e", "..%2F..%2Fescape", "a%3Ab", "a%20b", "a".repeat(200), "con")) {
			post("/t/" + tenant + "/todos", "{\"id\":\"x\",\"title\":\"t\"}");
		}
		assertThat(post("/t/inside/todos", "{\"id\":\"x\",\"title\":\"t\"}").statusCode()).isEqualTo(201);
		Path dataDirectory = root.resolve("data");
		assertThat(listFiles(root)).isNotEmpty().allSatisfy((file) -> assertThat(file).startsWith(dataDirectory));
	}

	@Test
	void sqlFailureReturns500WithSqliteMessage() throws Exception {
		assertThat(get("/t/dropped/count").statusCode()).isEqualTo(200);
		this.dorm.database("tenant:dropped").exec("DROP TABLE todos");
		HttpResponse<String> response = get("/t/dropped/count");
		assertThat(response.statusCode()).isEqualTo(500);
		assertThat(errorMessage(response)).isEqualTo("SQL failed on database 'tenant:dropped': no such table: todos");
	}

	@Test
	void unknownRouteReturns404Json() throws Exception {
		for (String path : List.of("/", "/nope", "/t/acme", "/t/acme/todos/a/b")) {
			HttpResponse<String> response = get(path);
			assertThat(response.statusCode()).as(path).isEqualTo(404);
			assertThat(errorMessage(response)).as(path)
				.startsWith("No route for GET ")
				.contains("/m/{tenant}", "GET /aggregate/count");
		}
	}

	@Test
	void pathWithDotSegmentsReturns400Json() throws Exception {
		HttpResponse<String> response = get("/t/acme/../../nope");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(errorMessage(response)).startsWith("Invalid request path: ").contains("not normalized");
	}

	@Test
	void unsupportedMethodReturns405Json() throws Exception {
		HttpResponse<String> response = this.http.send(request("/t/acme/todos").DELETE().build(),
				BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(405);
		assertThat(response.headers().firstValue("Allow")).isPresent();
		assertThat(errorMessage(response)).startsWith("Method 'DELETE' is not supported for /t/acme/todos");
	}

	private static void insert(DormDatabase database, String id, long createdAt) {
		database.exec("INSERT INTO todos (id, title, created_at) VALUES (?, ?, ?)", id, "title " + id, createdAt);
	}

	private static List<String> ids(JsonNode todos) {
		List<String> ids = new ArrayList<>();
		for (JsonNode todo : todos) {
			ids.add(todo.get("id").stringValue());
		}
		return ids;
	}

	private static List<Path> listFiles(Path directory) throws IOException {
		try (Stream<Path> files = Files.walk(directory)) {
			return files.filter(Files::isRegularFile).sorted().toList();
		}
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return this.http.send(request(path).GET().build(), BodyHandlers.ofString());
	}

	private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
		HttpRequest request = request(path).header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString(body))
			.build();
		return this.http.send(request, BodyHandlers.ofString());
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(Duration.ofSeconds(30));
	}

	private static JsonNode json(HttpResponse<String> response) {
		return jsonMapper.readTree(response.body());
	}

	private static String errorMessage(HttpResponse<String> response) {
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
		JsonNode error = json(response);
		assertThat(error.propertyNames()).containsExactly("error");
		return error.get("error").stringValue();
	}

	record NewTodo(String id, String title) {

	}

}
