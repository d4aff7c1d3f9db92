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

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import dev.dorm.DormClient;
import dev.dorm.DormDatabase;
import dev.dorm.web.app.SqlEndpointTestApplication;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that a {@code transaction} body runs all its statements or none, and that a
 * request over the row limit changes nothing.
 */
@SpringBootTest(classes = SqlEndpointTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "dorm.sql-endpoint.max-rows=5")
class SqlEndpointTransactionTests {

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

	private DormDatabase seed(String key) {
		DormDatabase database = this.dorm.database("tenant:" + key);
		database.exec("CREATE TABLE accounts (id INTEGER PRIMARY KEY, owner TEXT NOT NULL UNIQUE, balance INTEGER)");
		database.exec("INSERT INTO accounts (owner, balance) VALUES ('alice', 100), ('bob', 50)");
		return database;
	}

	private static String contents(DormDatabase database) {
		return database.exec("SELECT * FROM accounts ORDER BY rowid").rows().toString()
				+ database.exec("SELECT type, name, sql FROM sqlite_schema ORDER BY name").rows();
	}

	private HttpResponse<String> transaction(String key, String... statements) throws Exception {
		List<Map<String, String>> calls = Arrays.stream(statements).map((sql) -> Map.of("sql", sql)).toList();
		return this.http.admin("/db/" + key + "/query/raw", SqlEndpointHttp.toJson(Map.of("transaction", calls)));
	}

	@Test
	void failingSecondStatementLeavesDatabaseUnchanged() throws Exception {
		DormDatabase database = seed("failing");
		String before = contents(database);
		HttpResponse<String> response = transaction("failing",
				"UPDATE accounts SET balance = balance - 30 WHERE owner = 'alice'",
				"INSERT INTO accounts (owner, balance) VALUES ('alice', 30)",
				"UPDATE accounts SET balance = balance + 30 WHERE owner = 'bob'");
		assertThat(response.statusCode()).isEqualTo(500);
		assertThat(SqlEndpointHttp.error(response)).isEqualTo("The statement 'transaction[1].sql' failed: "
				+ "UNIQUE constraint failed: accounts.owner; the transaction was rolled back, so none of its 3"
				+ " statements took effect");
		assertThat(contents(database)).isEqualTo(before);
	}

	@Test
	void failingStatementUndoesSchemaChanges() throws Exception {
		DormDatabase database = seed("schema");
		String before = contents(database);
		HttpResponse<String> response = transaction("schema", "CREATE TABLE audit (entry TEXT)",
				"ALTER TABLE accounts ADD COLUMN note TEXT", "INSERT INTO audit VALUES ('x')", "DELETE FROM accounts",
				"SELECT * FROM no_such_table");
		assertThat(response.statusCode()).isEqualTo(500);
		assertThat(SqlEndpointHttp.error(response)).contains("no such table: no_such_table");
		assertThat(contents(database)).isEqualTo(before);
	}

	@Test
	void successfulTransactionAppliesEveryStatement() throws Exception {
		DormDatabase database = seed("applied");
		HttpResponse<String> response = transaction("applied",
				"UPDATE accounts SET balance = balance - 30 WHERE owner = 'alice'",
				"UPDATE accounts SET balance = balance + 30 WHERE owner = 'bob'",
				"SELECT owner, balance FROM accounts ORDER BY id");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(SqlEndpointHttp.json(response).get("result").get(2).get("rows").toString())
			.isEqualTo("[[\"alice\",70],[\"bob\",80]]");
		assertThat(database.exec("SELECT balance FROM accounts ORDER BY id").rows()).containsExactly(List.of(70L),
				List.of(80L));
	}

	@Test
	void resultOverRowLimitIsRejected() throws Exception {
		DormDatabase database = seed("limit");
		database.exec("INSERT INTO accounts (owner, balance) VALUES ('c', 1), ('d', 1), ('e', 1)");
		assertThat(this.http.sql("limit", "SELECT * FROM accounts").get("rows").size()).isEqualTo(5);
		HttpResponse<String> query = this.http.admin("/db/limit/query/raw",
				"{\"sql\":\"SELECT * FROM accounts UNION ALL SELECT * FROM accounts\"}");
		assertThat(query.statusCode()).isEqualTo(400);
		assertThat(SqlEndpointHttp.error(query)).contains("more than 5 rows")
			.contains("'dorm.sql-endpoint.max-rows'")
			.contains("/db/<database>/query/stream");
		String before = contents(database);
		HttpResponse<String> returning = this.http.admin("/db/limit/query/raw",
				"{\"sql\":\"UPDATE accounts SET balance = balance + 1 RETURNING *\"}");
		assertThat(returning.statusCode()).isEqualTo(200);
		database.exec("INSERT INTO accounts (owner, balance) VALUES ('f', 1)");
		before = contents(database);
		HttpResponse<String> tooMany = this.http.admin("/db/limit/query/raw",
				"{\"sql\":\"UPDATE accounts SET balance = 0 RETURNING *\"}");
		assertThat(tooMany.statusCode()).isEqualTo(400);
		assertThat(contents(database)).isEqualTo(before);
		HttpResponse<String> acrossStatements = transaction("limit", "DELETE FROM accounts WHERE owner = 'f'",
				"SELECT * FROM accounts", "SELECT * FROM accounts");
		assertThat(acrossStatements.statusCode()).isEqualTo(400);
		assertThat(SqlEndpointHttp.error(acrossStatements)).contains("'transaction[2].sql'").contains("rolled back");
		assertThat(contents(database)).isEqualTo(before);
	}

	@Test
	void blockedStatementStopsTransactionBeforeItRuns() throws Exception {
		DormDatabase database = seed("blocked");
		String before = contents(database);
		HttpResponse<String> response = transaction("blocked", "DELETE FROM accounts", "PRAGMA foreign_keys = OFF");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(SqlEndpointHttp.error(response)).contains("'transaction[1].sql'");
		assertThat(contents(database)).isEqualTo(before);
	}

	@Test
	void singleWriteReportsRowsWritten() throws Exception {
		seed("written");
		HttpResponse<String> response = this.http.admin("/db/written/query/raw",
				"{\"sql\":\"UPDATE accounts SET balance = 0\"}");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body())
			.isEqualTo("{\"result\":{\"columns\":[],\"rows\":[],\"meta\":{\"rows_read\":0,\"rows_written\":2}}}");
	}

}
