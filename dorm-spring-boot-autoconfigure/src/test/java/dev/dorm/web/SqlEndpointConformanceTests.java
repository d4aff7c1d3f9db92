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

import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.dorm.DormClient;
import dev.dorm.DormDatabase;
import dev.dorm.web.app.SqlEndpointTestApplication;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replays the requests that Outerbase Studio's "StarbaseDB" driver sends, with their
 * exact bodies and SQL (double and triple spaces included), against a database with an
 * AUTOINCREMENT table, a table without primary key, a BLOB column, a view and a trigger,
 * and checks every field that Studio reads.
 */
@SpringBootTest(classes = SqlEndpointTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class SqlEndpointConformanceTests {

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

	private String seed(String key) {
		DormDatabase database = this.dorm.database("tenant:" + key);
		database.exec("CREATE TABLE users (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, avatar BLOB)");
		database.exec("CREATE TABLE notes (title TEXT, body TEXT)");
		database.exec("INSERT INTO users (name, avatar) VALUES ('Alice', x'cafe'), ('Bob', NULL)");
		database.exec("INSERT INTO notes (title, body) VALUES ('n2', 'second'), ('n1', 'first')");
		database.exec("CREATE VIEW user_names AS SELECT id, name FROM users");
		database.exec("CREATE TRIGGER users_audit AFTER INSERT ON users "
				+ "BEGIN INSERT INTO notes (title, body) VALUES ('user added', NEW.name); END");
		return "/db/" + key + "/query/raw";
	}

	private HttpResponse<String> studio(String path, String body) throws Exception {
		return this.http.admin(path, body);
	}

	private JsonNode result(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
		SqlEndpointHttp.assertCors(response);
		JsonNode body = SqlEndpointHttp.json(response);
		assertThat(body.propertyNames()).containsExactly("result");
		return body.get("result");
	}

	private static void assertMeta(JsonNode result, long rowsRead, long rowsWritten) {
		JsonNode meta = result.get("meta");
		assertThat(meta.get("rows_read").isIntegralNumber()).isTrue();
		assertThat(meta.get("rows_written").isIntegralNumber()).isTrue();
		assertThat(meta.get("rows_read").longValue()).isEqualTo(rowsRead);
		assertThat(meta.get("rows_written").longValue()).isEqualTo(rowsWritten);
	}

	private static List<String> columns(JsonNode result) {
		List<String> columns = new ArrayList<>();
		result.get("columns").forEach((column) -> columns.add(column.stringValue()));
		return columns;
	}

	@Test
	void preflightAnswers204WithoutCredentials() throws Exception {
		String path = seed("preflight");
		for (String preflightPath : List.of(path, "/db/query/raw", "/db/preflight/query/stream")) {
			HttpResponse<String> response = this.http.send(this.http.request(preflightPath)
				.method("OPTIONS", BodyPublishers.noBody())
				.header("Origin", "https://studio.outerbase.com")
				.header("Access-Control-Request-Method", "POST")
				.header("Access-Control-Request-Headers", "authorization,content-type")
				.build());
			assertThat(response.statusCode()).as(preflightPath).isEqualTo(204);
			assertThat(response.body()).as(preflightPath).isEmpty();
			SqlEndpointHttp.assertCors(response);
		}
	}

	@Test
	void schemaListingAsTransactionReturnsArray() throws Exception {
		String path = seed("listing");
		JsonNode result = result(
				studio(path, "{\"transaction\":[{\"sql\":\"SELECT * FROM \\\"main\\\".sqlite_schema;\"}]}"));
		assertThat(result.isArray()).isTrue();
		assertThat(result.size()).isOne();
		JsonNode listing = result.get(0);
		assertThat(columns(listing)).containsExactly("type", "name", "tbl_name", "rootpage", "sql");
		List<String> names = new ArrayList<>();
		listing.get("rows").forEach((row) -> names.add(row.get(0).stringValue() + ":" + row.get(1).stringValue()));
		assertThat(names).contains("table:users", "table:sqlite_sequence", "table:notes", "view:user_names",
				"trigger:users_audit", "table:kv");
		assertThat(listing.get("rows").get(0).get(3).isIntegralNumber()).isTrue();
		assertMeta(listing, listing.get("rows").size(), 0);
	}

	@Test
	void tableSchemaIsObjectResult() throws Exception {
		String path = seed("schema");
		JsonNode result = result(
				studio(path, "{\"sql\":\"SELECT * FROM \\\"main\\\".sqlite_schema WHERE tbl_name = 'users';\"}"));
		assertThat(result.isObject()).isTrue();
		assertThat(columns(result)).containsExactly("type", "name", "tbl_name", "rootpage", "sql");
		assertThat(result.get("rows").get(0).get(4).stringValue())
			.isEqualTo("CREATE TABLE users (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, avatar BLOB)");
		assertMeta(result, result.get("rows").size(), 0);
	}

	@Test
	void tableDataMatchesStudioCapture() throws Exception {
		String path = seed("capture");
		HttpResponse<String> response = studio(path,
				"{\"sql\":\"SELECT * FROM \\\"main\\\".\\\"users\\\"  LIMIT 50 OFFSET 0;\"}");
		result(response);
		assertThat(response.body()).isEqualTo("{\"result\":{\"columns\":[\"id\",\"name\",\"avatar\"],"
				+ "\"rows\":[[1,\"Alice\",[202,254]],[2,\"Bob\",null]],\"meta\":{\"rows_read\":2,\"rows_written\":0}}}");
	}

	@Test
	void rowidTableQueriesReturnRowid() throws Exception {
		String path = seed("rowid");
		JsonNode page = result(
				studio(path, "{\"sql\":\"SELECT rowid, * FROM \\\"main\\\".\\\"notes\\\"  LIMIT 50 OFFSET 0;\"}"));
		assertThat(columns(page)).containsExactly("rowid", "title", "body");
		assertThat(page.get("rows").toString()).isEqualTo("[[1,\"n2\",\"second\"],[2,\"n1\",\"first\"]]");
		JsonNode sorted = result(studio(path,
				"{\"sql\":\"SELECT rowid, * FROM \\\"main\\\".\\\"notes\\\"  ORDER BY \\\"title\\\" ASC LIMIT 50 OFFSET 0;\"}"));
		assertThat(sorted.get("rows").toString()).isEqualTo("[[2,\"n1\",\"first\"],[1,\"n2\",\"second\"]]");
		JsonNode filtered = result(studio(path,
				"{\"sql\":\"SELECT rowid, * FROM \\\"main\\\".\\\"notes\\\" WHERE title = 'n1'   LIMIT 50 OFFSET 0;\"}"));
		assertThat(filtered.get("rows").toString()).isEqualTo("[[2,\"n1\",\"first\"]]");
		assertMeta(filtered, 1, 0);
		JsonNode reselected = result(studio(path,
				"{\"sql\":\"SELECT rowid, * FROM \\\"main\\\".\\\"notes\\\" WHERE \\\"rowid\\\" = 1 LIMIT 1 OFFSET 0\"}"));
		assertThat(reselected.get("rows").toString()).isEqualTo("[[1,\"n2\",\"second\"]]");
	}

	@Test
	void tableInfoFallbackAndSequenceCount() throws Exception {
		String path = seed("fallback");
		JsonNode info = result(
				studio(path, "{\"sql\":\"SELECT * FROM \\\"main\\\".pragma_table_info('user_names');\"}"));
		assertThat(columns(info)).containsExactly("cid", "name", "type", "notnull", "dflt_value", "pk");
		assertThat(info.get("rows").size()).isEqualTo(2);
		JsonNode count = result(studio(path,
				"{\"sql\":\"SELECT COUNT(*) AS total FROM \\\"main\\\".sqlite_sequence WHERE name='users';\"}"));
		assertThat(count.get("rows").toString()).isEqualTo("[[1]]");
	}

	@Test
	void triggerAndViewOpen() throws Exception {
		String path = seed("open");
		JsonNode trigger = result(studio(path,
				"{\"sql\":\"SELECT * FROM \\\"main\\\".sqlite_schema WHERE \\\"type\\\"='trigger' AND name='users_audit';\"}"));
		assertThat(trigger.get("rows").get(0).get(4).stringValue()).startsWith("CREATE TRIGGER users_audit");
		JsonNode view = result(studio(path,
				"{\"sql\":\"SELECT * FROM \\\"main\\\".sqlite_schema WHERE type = 'view' AND name = 'user_names';\"}"));
		assertThat(view.get("rows").get(0).get(4).stringValue())
			.isEqualTo("CREATE VIEW user_names AS SELECT id, name FROM users");
	}

	@Test
	void rowEditBatchReturnsResultsInOrder() throws Exception {
		String path = seed("edit");
		JsonNode results = result(studio(path, "{\"transaction\":["
				+ "{\"sql\":\"INSERT INTO \\\"main\\\".\\\"users\\\" (\\\"name\\\", \\\"avatar\\\") VALUES('Carol', x'010203') RETURNING rowid, *\"},"
				+ "{\"sql\":\"UPDATE \\\"main\\\".\\\"users\\\" SET \\\"name\\\" = 'Bobby' WHERE \\\"id\\\" = 2 RETURNING rowid, *\"},"
				+ "{\"sql\":\"DELETE FROM \\\"main\\\".\\\"users\\\" WHERE \\\"id\\\" = 1\"}]}"));
		assertThat(results.isArray()).isTrue();
		assertThat(results.size()).isEqualTo(3);
		JsonNode inserted = results.get(0);
		assertThat(columns(inserted)).containsExactly("id", "id", "name", "avatar");
		assertThat(inserted.get("rows").toString()).isEqualTo("[[3,3,\"Carol\",[1,2,3]]]");
		// The trigger's insert into notes counts as a written row too.
		assertMeta(inserted, 1, 2);
		JsonNode updated = results.get(1);
		assertThat(columns(updated)).containsExactly("id", "id", "name", "avatar");
		assertThat(updated.get("rows").toString()).isEqualTo("[[2,2,\"Bobby\",null]]");
		assertMeta(updated, 1, 1);
		JsonNode deleted = results.get(2);
		assertThat(columns(deleted)).isEmpty();
		assertThat(deleted.get("rows").isEmpty()).isTrue();
		assertMeta(deleted, 0, 1);
		JsonNode reselected = result(studio(path,
				"{\"sql\":\"SELECT * FROM \\\"main\\\".\\\"users\\\" WHERE \\\"id\\\" = 3 LIMIT 1 OFFSET 0\"}"));
		assertThat(reselected.get("rows").toString()).isEqualTo("[[3,\"Carol\",[1,2,3]]]");
		JsonNode all = result(studio(path, "{\"sql\":\"SELECT * FROM \\\"main\\\".\\\"users\\\"\"}"));
		assertThat(all.get("rows").toString()).isEqualTo("[[2,\"Bobby\",null],[3,\"Carol\",[1,2,3]]]");
	}

	@Test
	void emptySelectKeepsColumns() throws Exception {
		String path = seed("empty");
		JsonNode result = result(studio(path,
				"{\"sql\":\"SELECT * FROM \\\"main\\\".\\\"users\\\" WHERE \\\"id\\\" = 99 LIMIT 1 OFFSET 0\"}"));
		assertThat(columns(result)).containsExactly("id", "name", "avatar");
		assertThat(result.get("rows").isArray()).isTrue();
		assertThat(result.get("rows").isEmpty()).isTrue();
		assertMeta(result, 0, 0);
	}

	@Test
	void duplicateColumnNamesAreKept() throws Exception {
		String path = seed("duplicates");
		JsonNode result = result(studio(path, "{\"sql\":\"SELECT 1 AS a, 'x' AS a, NULL AS a\"}"));
		assertThat(columns(result)).containsExactly("a", "a", "a");
		assertThat(result.get("rows").toString()).isEqualTo("[[1,\"x\",null]]");
	}

	@Test
	void exportAndDistinctQueries() throws Exception {
		String path = seed("export");
		JsonNode export = result(studio(path, "{\"sql\":\"SELECT * FROM \\\"main\\\".\\\"notes\\\"\"}"));
		assertThat(export.get("rows").size()).isEqualTo(2);
		JsonNode distinct = result(
				studio(path, "{\"sql\":\"SELECT DISTINCT \\\"title\\\" FROM \\\"main\\\".\\\"notes\\\" LIMIT 10\"}"));
		assertThat(columns(distinct)).containsExactly("title");
		assertThat(distinct.get("rows").size()).isEqualTo(2);
	}

	@Test
	void schemaEditorStatementsRunAsOneTransaction() throws Exception {
		String path = seed("editor");
		JsonNode results = result(studio(path, SqlEndpointHttp.toJson(Map.of("transaction", List.of(
				Map.of("sql", "CREATE TABLE \"main\".\"tags\"(\"id\" INTEGER PRIMARY KEY, \"label\" TEXT)"),
				Map.of("sql", "ALTER TABLE \"main\".\"tags\" ADD \"color\" TEXT DEFAULT 'red'"),
				Map.of("sql", "ALTER TABLE \"main\".\"tags\" RENAME COLUMN \"label\" TO \"name\""),
				Map.of("sql", "ALTER TABLE \"main\".\"tags\" DROP COLUMN color"),
				Map.of("sql", "ALTER TABLE \"main\".\"tags\" RENAME TO \"labels\""),
				Map.of("sql",
						"CREATE TRIGGER \"main\".\"labels_audit\" AFTER INSERT ON \"labels\" BEGIN SELECT 1; END"),
				Map.of("sql", "DROP TRIGGER IF EXISTS \"main\".\"labels_audit\""),
				Map.of("sql", "CREATE VIEW \"main\".\"label_names\" AS SELECT \"name\" FROM \"labels\""),
				Map.of("sql", "DROP VIEW IF EXISTS \"main\".\"label_names\""))))));
		assertThat(results.size()).isEqualTo(9);
		JsonNode columns = result(studio(path, "{\"sql\":\"SELECT name FROM pragma_table_info('labels')\"}"));
		assertThat(columns.get("rows").toString()).isEqualTo("[[\"id\"],[\"name\"]]");
		HttpResponse<String> alterColumn = studio(path, "{\"transaction\":["
				+ "{\"sql\":\"ALTER TABLE \\\"main\\\".\\\"labels\\\" ADD \\\"size\\\" INTEGER\"},"
				+ "{\"sql\":\"ALTER TABLE \\\"main\\\".\\\"labels\\\" ALTER COLUMN \\\"name\\\" TO \\\"name\\\" TEXT NOT NULL\"}]}");
		assertThat(alterColumn.statusCode()).isEqualTo(500);
		assertThat(SqlEndpointHttp.error(alterColumn)).contains("syntax error")
			.contains("'transaction[1].sql'")
			.contains("rolled back");
		JsonNode unchanged = result(studio(path, "{\"sql\":\"SELECT name FROM pragma_table_info('labels')\"}"));
		assertThat(unchanged.get("rows").toString()).isEqualTo("[[\"id\"],[\"name\"]]");
	}

	@Test
	void truncateAndDropTable() throws Exception {
		String path = seed("drop");
		JsonNode truncated = result(studio(path, "{\"sql\":\"DELETE FROM \\\"main\\\".\\\"notes\\\";\"}"));
		assertMeta(truncated, 0, 2);
		result(studio(path, "{\"sql\":\"DROP TABLE \\\"main\\\".\\\"notes\\\";\"}"));
		HttpResponse<String> missing = studio(path, "{\"sql\":\"SELECT * FROM \\\"main\\\".\\\"notes\\\"\"}");
		assertThat(missing.statusCode()).isEqualTo(500);
		assertThat(SqlEndpointHttp.error(missing)).isEqualTo("no such table: main.notes");
	}

	@Test
	void externalStarbaseSourceIsRejected() throws Exception {
		String path = seed("external");
		for (String source : List.of("external", "hyperdrive", "Internal")) {
			HttpResponse<String> response = this.http.send(this.http.request(path)
				.header("Content-Type", "application/json")
				.header("Authorization", "Bearer " + SqlEndpointHttp.SECRET)
				.header("X-Starbase-Source", source)
				.POST(BodyPublishers.ofString("{\"sql\":\"SELECT VERSION() AS v\"}"))
				.build());
			assertThat(response.statusCode()).as(source).isEqualTo(400);
			assertThat(SqlEndpointHttp.error(response)).as(source).contains("X-Starbase-Source").contains("Internal");
		}
		HttpResponse<String> internal = this.http.send(this.http.request(path)
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + SqlEndpointHttp.SECRET)
			.header("X-Starbase-Source", "internal")
			.POST(BodyPublishers.ofString("{\"sql\":\"SELECT 1 AS v\"}"))
			.build());
		assertThat(result(internal).get("rows").toString()).isEqualTo("[[1]]");
	}

	@Test
	void requestTenantRouteUsesTenantHeader() throws Exception {
		seed("header");
		HttpResponse<String> response = this.http.send(this.http.request("/db/query/raw")
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + SqlEndpointHttp.SECRET)
			.header("X-Tenant-Id", "header")
			.POST(BodyPublishers.ofString("{\"sql\":\"SELECT name FROM \\\"main\\\".\\\"users\\\" ORDER BY id\"}"))
			.build());
		assertThat(result(response).get("rows").toString()).isEqualTo("[[\"Alice\"],[\"Bob\"]]");
		HttpResponse<String> noTenant = this.http.admin("/db/query/raw", "{\"sql\":\"SELECT 1\"}");
		assertThat(noTenant.statusCode()).isEqualTo(400);
		assertThat(SqlEndpointHttp.error(noTenant)).startsWith("No database in the request")
			.contains("header 'X-Tenant-Id'");
	}

	@Test
	void paramsBindByPosition() throws Exception {
		String path = seed("params");
		JsonNode numbered = result(studio(path,
				"{\"sql\":\"SELECT $1 AS a, $2 AS b, $3 AS c, $4 AS d, $5 AS e\",\"params\":[123,\"x\",1.5,true,null]}"));
		assertThat(numbered.get("rows").toString()).isEqualTo("[[123,\"x\",1.5,1,null]]");
		JsonNode questionMarks = result(studio(path,
				"{\"sql\":\"SELECT name FROM users WHERE id = ? OR name = ? ORDER BY id\",\"params\":[2,\"Alice\"]}"));
		assertThat(questionMarks.get("rows").toString()).isEqualTo("[[\"Alice\"],[\"Bob\"]]");
		JsonNode exact = result(studio(path,
				"{\"sql\":\"SELECT ? AS big, 9223372036854775807 AS max\",\"params\":[-9223372036854775808]}"));
		assertThat(exact.get("rows").toString()).isEqualTo("[[-9223372036854775808,9223372036854775807]]");
		HttpResponse<String> missing = studio(path, "{\"sql\":\"SELECT ?\"}");
		assertThat(missing.statusCode()).isEqualTo(400);
		assertThat(SqlEndpointHttp.error(missing)).contains("1 parameter").contains("0 values");
	}

}
