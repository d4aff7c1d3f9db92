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

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.dorm.DormClient;
import dev.dorm.DormDatabase;
import dev.dorm.registry.TenantDatabaseRegistry;
import dev.dorm.web.app.SqlEndpointTestApplication;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests {@code /query/stream}: the NDJSON lines, its errors, the statement timeout, and
 * that a client that goes away releases the connection. Each database has one reader
 * connection and a call waits one second for it, so a leaked cursor shows as 503.
 */
@SpringBootTest(classes = SqlEndpointTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "dorm.connection.max-readers=1", "dorm.connection.acquire-timeout=1s",
				"dorm.sql-endpoint.statement-timeout=1s" })
class SqlEndpointStreamTests {

	/**
	 * A query that returns three rows at once and then searches forever for a fourth.
	 */
	private static final String ENDLESS_QUERY = "WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s) "
			+ "SELECT n FROM s WHERE n <= 3 OR n = 0";

	private static final JsonMapper jsonMapper = JsonMapper.builder().build();

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

	@Autowired
	TenantDatabaseRegistry registry;

	private SqlEndpointHttp http;

	@BeforeEach
	void createClient() {
		this.http = new SqlEndpointHttp(this.port);
	}

	private HttpResponse<String> stream(String database, String sql) throws Exception {
		return this.http.admin("/db/" + database + "/query/stream", SqlEndpointHttp.toJson(Map.of("sql", sql)));
	}

	private static List<String> lines(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-ndjson");
		SqlEndpointHttp.assertCors(response);
		assertThat(response.body()).endsWith("\n");
		return response.body().lines().toList();
	}

	@Test
	void streamWritesColumnsRowsAndMeta() throws Exception {
		DormDatabase database = this.dorm.database("tenant:lines");
		database.exec("CREATE TABLE items (n INTEGER PRIMARY KEY, title TEXT, data BLOB, ratio REAL)");
		database.exec("WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < 2500) "
				+ "INSERT INTO items SELECT n, 'item ' || n, x'00ff10', n / 4.0 FROM s");
		List<String> lines = lines(stream("lines", "SELECT n, title, data, ratio, n AS n FROM items ORDER BY n"));
		assertThat(lines).hasSize(2502);
		assertThat(lines.get(0)).isEqualTo("{\"columns\":[\"n\",\"title\",\"data\",\"ratio\",\"n\"]}");
		assertThat(lines.get(1)).isEqualTo("[1,\"item 1\",[0,255,16],0.25,1]");
		assertThat(lines.get(2500)).isEqualTo("[2500,\"item 2500\",[0,255,16],625.0,2500]");
		assertThat(lines.get(2501)).isEqualTo("{\"meta\":{\"rows_read\":2500,\"rows_written\":0}}");
		for (String line : lines) {
			assertThat(jsonMapper.readTree(line)).as(line).isNotNull();
		}
	}

	@Test
	void streamOfEmptyResultKeepsColumns() throws Exception {
		this.dorm.database("tenant:empty-stream").exec("CREATE TABLE t (a INTEGER, b TEXT)");
		assertThat(lines(stream("empty-stream", "SELECT * FROM t"))).containsExactly("{\"columns\":[\"a\",\"b\"]}",
				"{\"meta\":{\"rows_read\":0,\"rows_written\":0}}");
	}

	@Test
	void streamOnRequestTenantRoute() throws Exception {
		HttpResponse<String> response = this.http.send(this.http.request("/db/query/stream")
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + SqlEndpointHttp.SECRET)
			.header("X-Tenant-Id", "tenant-stream")
			.POST(BodyPublishers.ofString("{\"sql\":\"SELECT ? AS v\",\"params\":[\"x\"]}"))
			.build());
		assertThat(lines(response)).containsExactly("{\"columns\":[\"v\"]}", "[\"x\"]",
				"{\"meta\":{\"rows_read\":1,\"rows_written\":0}}");
	}

	@Test
	void streamRejectsTransactionsAndWrites() throws Exception {
		HttpResponse<String> transaction = this.http.admin("/db/rejects/query/stream",
				"{\"transaction\":[{\"sql\":\"SELECT 1\"}]}");
		assertThat(transaction.statusCode()).isEqualTo(400);
		assertThat(SqlEndpointHttp.error(transaction)).contains("'transaction'");
		for (String sql : List.of("INSERT INTO kv VALUES ('a', 'b')", "INSERT INTO kv VALUES ('a', 'b') RETURNING *",
				"DELETE FROM kv", "CREATE TABLE x (a)", "PRAGMA table_info(kv)")) {
			HttpResponse<String> response = stream("rejects", sql);
			assertThat(response.statusCode()).as(sql).isEqualTo(400);
			assertThat(SqlEndpointHttp.error(response)).as(sql).contains("send it to /query/raw");
		}
		assertThat(this.dorm.database("tenant:rejects").exec("SELECT count(*) FROM kv").rows())
			.containsExactly(List.of(0L));
	}

	@Test
	void streamFailureBeforeFirstRowIsJsonError() throws Exception {
		HttpResponse<String> response = stream("missing-table", "SELECT * FROM nowhere");
		assertThat(response.statusCode()).isEqualTo(500);
		assertThat(SqlEndpointHttp.error(response)).isEqualTo("no such table: nowhere");
	}

	@Test
	void streamTimeoutEndsWithErrorLine() throws Exception {
		long start = System.nanoTime();
		List<String> lines = lines(stream("timeout", ENDLESS_QUERY));
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
		assertThat(lines).hasSize(5);
		assertThat(lines.subList(0, 4)).containsExactly("{\"columns\":[\"n\"]}", "[1]", "[2]", "[3]");
		JsonNode error = jsonMapper.readTree(lines.get(4));
		assertThat(error.propertyNames()).containsExactly("error");
		assertThat(error.get("error").stringValue()).contains("1000 ms")
			.contains("'dorm.sql-endpoint.statement-timeout'");
		assertThat(lines(stream("timeout", "SELECT 1 AS ok"))).contains("[1]");
	}

	@Test
	void rawStatementTimeoutIs500() throws Exception {
		HttpResponse<String> response = this.http.admin("/db/raw-timeout/query/raw",
				SqlEndpointHttp.toJson(Map.of("sql", ENDLESS_QUERY)));
		assertThat(response.statusCode()).isEqualTo(500);
		assertThat(SqlEndpointHttp.error(response)).contains("stopped after 1000 ms");
	}

	@Test
	void disconnectedClientReleasesConnection() throws Exception {
		String body = "{\"sql\":\"WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < 5000000) "
				+ "SELECT n, printf('%0100d', n) FROM s\"}";
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(10_000);
			byte[] content = body.getBytes(StandardCharsets.UTF_8);
			OutputStream output = socket.getOutputStream();
			output.write(("POST /db/disconnect/query/stream HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
					+ SqlEndpointHttp.SECRET + "\r\nContent-Type: application/json\r\nContent-Length: " + content.length
					+ "\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			output.write(content);
			output.flush();
			String received = readRows(socket.getInputStream(), 10);
			assertThat(received).startsWith("HTTP/1.1 200");
			HttpResponse<String> whileStreaming = stream("disconnect", "SELECT 1");
			assertThat(whileStreaming.statusCode()).as("the open stream holds the only reader").isEqualTo(503);
			socket.setSoLinger(true, 0);
		}
		long closed = System.nanoTime();
		HttpResponse<String> after = stream("disconnect", "SELECT 1");
		while (after.statusCode() == 503 && System.nanoTime() - closed < Duration.ofSeconds(10).toNanos()) {
			after = stream("disconnect", "SELECT 1");
		}
		assertThat(lines(after)).contains("[1]");
		assertThat(Duration.ofNanos(System.nanoTime() - closed)).isLessThan(Duration.ofSeconds(5));
		boolean closedDatabase = this.registry.close(this.dorm.parseName("disconnect"));
		while (!closedDatabase && System.nanoTime() - closed < Duration.ofSeconds(10).toNanos()) {
			Thread.sleep(50);
			closedDatabase = this.registry.close(this.dorm.parseName("disconnect"));
		}
		assertThat(closedDatabase).isTrue();
	}

	/**
	 * Read a response until its body has at least the given number of rows after the
	 * columns line.
	 */
	private static String readRows(InputStream input, int rows) throws Exception {
		ByteArrayOutputStream received = new ByteArrayOutputStream();
		byte[] buffer = new byte[8192];
		while (true) {
			int read = input.read(buffer);
			assertThat(read).as("the stream ended early: " + received).isPositive();
			received.write(buffer, 0, read);
			String text = received.toString(StandardCharsets.UTF_8);
			int bodyStart = text.indexOf("\r\n\r\n");
			if (bodyStart >= 0 && text.substring(bodyStart).chars().filter((c) -> c == '\n').count() > rows + 3) {
				return text;
			}
		}
	}

}
