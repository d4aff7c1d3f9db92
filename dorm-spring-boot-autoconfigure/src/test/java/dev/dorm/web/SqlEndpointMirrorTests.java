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
import java.util.List;

import dev.dorm.DormClient;
import dev.dorm.DormDatabase;
import dev.dorm.web.app.SqlEndpointTestApplication;
import org.junit.jupiter.api.BeforeEach;
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
 * Tests that writes through the SQL endpoint are mirrored unless the body sets
 * {@code skipMirror}.
 */
@SpringBootTest(classes = SqlEndpointTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "dorm.kinds.tenant.mirror.enabled=true", "dorm.kinds.tenant.mirror.target=aggregate:main" })
class SqlEndpointMirrorTests {

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

	@Test
	void writesAreMirroredUnlessSkipped() throws Exception {
		this.dorm.database("tenant:mirrored").exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)");
		assertThat(raw("{\"sql\": \"INSERT INTO notes (text) VALUES ('mirrored')\"}").statusCode()).isEqualTo(200);
		assertThat(raw("{\"sql\": \"INSERT INTO notes (text) VALUES ('skipped')\", \"skipMirror\": true}").statusCode())
			.isEqualTo(200);
		assertThat(raw("{\"transaction\": [{\"sql\": \"INSERT INTO notes (text) VALUES ('batch')\"}],"
				+ " \"skipMirror\": false}")
			.statusCode()).isEqualTo(200);
		assertThat(this.dorm.database("tenant:mirrored").exec("SELECT count(*) FROM notes").rows())
			.containsExactly(List.of(3L));
		long deadline = System.nanoTime() + 20_000_000_000L;
		List<List<Object>> mirrored = List.of();
		while (mirrored.size() < 2 && System.nanoTime() < deadline) {
			Thread.sleep(20);
			mirrored = mirroredNotes();
		}
		assertThat(mirrored).containsExactly(List.of("mirrored"), List.of("batch"));
	}

	@Test
	void rowsWrittenLeavesOutOutboxRecords() throws Exception {
		DormDatabase database = this.dorm.database("tenant:mirrored");
		database.exec("CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT)");
		database.exec("CREATE TABLE audit (item INTEGER)");
		assertThat(rowsWritten("{\"sql\": \"INSERT INTO items (name) VALUES ('a'), ('b')\"}")).isEqualTo(2);
		assertThat(rowsWritten("{\"sql\": \"INSERT INTO items (name) VALUES ('c') RETURNING id\"}")).isEqualTo(1);
		assertThat(rowsWritten("{\"sql\": \"UPDATE items SET id = 10 WHERE name = 'a'\"}")).isEqualTo(1);
		assertThat(rowsWritten("{\"sql\": \"UPDATE items SET id = 20 WHERE name = 'b' RETURNING id\"}")).isEqualTo(1);
		assertThat(rowsWritten("{\"sql\": \"DELETE FROM items WHERE name = 'c'\"}")).isEqualTo(1);
		database.exec("CREATE TRIGGER audited AFTER INSERT ON items BEGIN INSERT INTO audit VALUES (NEW.id); END");
		assertThat(rowsWritten("{\"sql\": \"INSERT INTO items (name) VALUES ('d')\"}")).isEqualTo(2);
		assertThat(database.exec("INSERT INTO items (name) VALUES ('e')").rowsWritten()).isEqualTo(2);
		assertThat(database.exec("SELECT count(*) FROM _dorm_outbox").rows().get(0).get(0)).isNotEqualTo(0L);
	}

	private long rowsWritten(String body) throws Exception {
		HttpResponse<String> response = raw(body);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return SqlEndpointHttp.json(response).get("result").get("meta").get("rows_written").asLong();
	}

	@Test
	void skipMirrorMustBeBoolean() throws Exception {
		HttpResponse<String> response = raw("{\"sql\": \"SELECT 1\", \"skipMirror\": \"yes\"}");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(SqlEndpointHttp.error(response))
			.isEqualTo("'skipMirror' must be true or false, but is a JSON string");
	}

	private List<List<Object>> mirroredNotes() {
		DormDatabase aggregate = this.dorm.database("aggregate:main");
		if (aggregate.exec("SELECT count(*) FROM sqlite_schema WHERE name = 'notes'").rows().get(0).get(0).equals(0L)) {
			return List.of();
		}
		return aggregate.exec("SELECT text FROM notes ORDER BY id").rows();
	}

	private HttpResponse<String> raw(String body) throws Exception {
		return this.http.admin("/db/mirrored/query/raw", body);
	}

}
