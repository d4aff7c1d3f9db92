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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import dev.dorm.DormClient;
import dev.dorm.DormDatabase;
import dev.dorm.registry.TenantDatabaseRegistry;
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
 * Tests that nothing sent through the SQL endpoint reaches another database or any other
 * file, or weakens the settings of the database it uses.
 */
@SpringBootTest(classes = SqlEndpointTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class SqlEndpointIsolationTests {

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

	@Test
	void noStatementReachesAnotherTenantsFile() throws Exception {
		DormDatabase victim = this.dorm.database("tenant:victim");
		victim.exec("CREATE TABLE secrets (value TEXT)");
		victim.exec("INSERT INTO secrets VALUES ('top secret')");
		assertThat(this.registry.close(this.dorm.parseName("tenant:victim"))).isTrue();
		Path victimFile = dataDirectory.resolve("tenant").resolve("victim.db");
		Map<Path, byte[]> before = snapshot();
		assertThat(before).containsKey(victimFile);
		String victimPath = victimFile.toString().replace("'", "''");
		Path copy = dataDirectory.resolve("tenant").resolve("copy.db");
		this.http.sql("attacker", "SELECT 1");
		List<String> attempts = List.of("ATTACH '" + victimPath + "' AS victim",
				"ATTACH DATABASE '" + victimPath + "' AS victim", "attach '" + victimPath + "' as victim",
				"/* comment */ Attach 'file:" + victimPath + "?mode=rw' AS victim", "ATTACH ':memory:' AS scratch",
				"DETACH victim", "DETACH DATABASE victim", "VACUUM", "vacuum main", "VACUUM INTO '" + victimPath + "'",
				"VACUUM INTO '" + copy.toString().replace("'", "''") + "'",
				"SELECT load_extension('" + victimPath + "')", "SELECT \"load_extension\"('/tmp/evil.so')",
				"SELECT [LOAD_EXTENSION]('/tmp/evil.so', 'entry')", "select Load_Extension('x')",
				"EXPLAIN ATTACH '" + victimPath + "' AS victim", "EXPLAIN QUERY PLAN VACUUM INTO '" + victimPath + "'",
				"CREATE TRIGGER t AFTER INSERT ON kv BEGIN SELECT load_extension('x'); END",
				"PRAGMA temp_store_directory = '" + dataDirectory.toString().replace("'", "''") + "'");
		for (String sql : attempts) {
			HttpResponse<String> response = this.http.admin("/db/attacker/query/raw",
					SqlEndpointHttp.toJson(Map.of("sql", sql)));
			assertThat(response.statusCode()).as(sql).isEqualTo(400);
			assertThat(SqlEndpointHttp.error(response)).as(sql).contains("is not allowed through the SQL endpoint");
			HttpResponse<String> inTransaction = this.http.admin("/db/attacker/query/raw",
					SqlEndpointHttp.toJson(Map.of("transaction",
							List.of(Map.of("sql", "INSERT INTO kv VALUES ('before', '1')"), Map.of("sql", sql)))));
			assertThat(inTransaction.statusCode()).as(sql).isEqualTo(400);
			HttpResponse<String> stream = this.http.admin("/db/attacker/query/stream",
					SqlEndpointHttp.toJson(Map.of("sql", sql)));
			assertThat(stream.statusCode()).as(sql).isEqualTo(400);
		}
		assertThat(this.http.sql("attacker", "SELECT count(*) FROM kv").get("rows").toString()).isEqualTo("[[0]]");
		assertThat(copy).doesNotExist();
		Map<Path, byte[]> after = snapshot();
		assertThat(after.keySet()).containsExactlyInAnyOrderElementsOf(withAttacker(before.keySet()));
		assertThat(after.get(victimFile)).isEqualTo(before.get(victimFile));
		assertThat(victim.exec("SELECT value FROM secrets").rows()).containsExactly(List.of("top secret"));
	}

	@Test
	void temporaryObjectsAreRolledBack() throws Exception {
		DormDatabase database = this.dorm.database("tenant:temporary");
		database.exec("INSERT INTO kv VALUES ('real', '1')");
		List<String> attempts = List.of("CREATE TEMP TABLE kv (k TEXT PRIMARY KEY, v TEXT)",
				"CREATE TEMPORARY TABLE shadow (a)", "CREATE TABLE temp.shadow (a)",
				"CREATE TABLE \"temp\".\"shadow\" (a)", "CREATE TEMP VIEW kv_view AS SELECT * FROM main.kv",
				"CREATE TEMP TRIGGER wipe AFTER INSERT ON main.kv BEGIN DELETE FROM kv; END", "ANALYZE temp");
		for (String sql : attempts) {
			HttpResponse<String> response = this.http.admin("/db/temporary/query/raw",
					SqlEndpointHttp.toJson(Map.of("sql", sql)));
			assertThat(response.statusCode()).as(sql + " " + response.body()).isEqualTo(400);
			assertThat(SqlEndpointHttp.error(response)).as(sql)
				.startsWith("A temporary ")
				.contains("is not allowed through the SQL endpoint");
			HttpResponse<String> inTransaction = this.http.admin("/db/temporary/query/raw", SqlEndpointHttp.toJson(Map
				.of("transaction", List.of(Map.of("sql", "INSERT INTO kv VALUES ('lost', '1')"), Map.of("sql", sql)))));
			assertThat(inTransaction.statusCode()).as(sql).isEqualTo(400);
			List<List<Object>> temporary = database
				.transaction((writer) -> writer.exec("SELECT name FROM temp.sqlite_schema").rows());
			assertThat(temporary).as(sql).isEmpty();
		}
		database.exec("INSERT INTO kv VALUES ('after', '2')");
		assertThat(database.exec("SELECT k FROM main.kv ORDER BY k").rows()).containsExactly(List.of("after"),
				List.of("real"));
		assertThat(this.http.sql("temporary", "CREATE TABLE notes (a)").get("rows").toString()).isEqualTo("[]");
	}

	@Test
	void writesNamingDormTablesAreRejected() throws Exception {
		this.dorm.database("tenant:reserved").exec("CREATE TABLE _dorm_outbox_copy (a)");
		List<String> attempts = List.of("DELETE FROM _dorm_outbox_copy", "INSERT INTO \"_DORM_OUTBOX_COPY\" VALUES (1)",
				"DROP TABLE [_dorm_outbox_copy]",
				"CREATE TRIGGER eat AFTER INSERT ON kv BEGIN DELETE FROM" + " _dorm_outbox_copy; END",
				"DROP TRIGGER IF EXISTS temp._dorm_mirror_0_insert",
				"UPDATE kv SET v = (SELECT count(*) FROM _dorm_outbox_copy)",
				"INSERT INTO kv VALUES ('f', _dorm_mirror_capture(1000))");
		for (String sql : attempts) {
			HttpResponse<String> response = this.http.admin("/db/reserved/query/raw",
					SqlEndpointHttp.toJson(Map.of("sql", sql)));
			assertThat(response.statusCode()).as(sql).isEqualTo(400);
			assertThat(SqlEndpointHttp.error(response)).as(sql)
				.startsWith("A write that mentions _dorm_ is not allowed through the SQL endpoint");
		}
		assertThat(this.http.sql("reserved", "SELECT count(*) FROM _dorm_outbox_copy").get("rows").toString())
			.isEqualTo("[[0]]");
		HttpResponse<String> parameter = this.http.admin("/db/reserved/query/raw", SqlEndpointHttp
			.toJson(Map.of("sql", "INSERT INTO kv VALUES (?, ?)", "params", List.of("_dorm_", "x"))));
		assertThat(parameter.statusCode()).as(parameter.body()).isEqualTo(200);
		assertThat(this.dorm.database("tenant:reserved").exec("SELECT k FROM kv").rows())
			.containsExactly(List.of("_dorm_"));
	}

	@Test
	void writesToSequenceTableAreRejected() throws Exception {
		this.dorm.database("tenant:sequence").exec("CREATE TABLE counted (id INTEGER PRIMARY KEY AUTOINCREMENT)");
		this.dorm.database("tenant:sequence").exec("INSERT INTO counted DEFAULT VALUES");
		List<String> attempts = List.of(
				"UPDATE sqlite_sequence SET seq = 9223372036854775807 WHERE name LIKE '%outbox'",
				"DELETE FROM SQLITE_SEQUENCE", "UPDATE \"sqlite_sequence\" SET seq = 0 RETURNING seq");
		for (String sql : attempts) {
			HttpResponse<String> response = this.http.admin("/db/sequence/query/raw",
					SqlEndpointHttp.toJson(Map.of("sql", sql)));
			assertThat(response.statusCode()).as(sql).isEqualTo(400);
			assertThat(SqlEndpointHttp.error(response)).as(sql)
				.startsWith("A write that mentions sqlite_sequence is not allowed through the SQL endpoint");
		}
		assertThat(this.http.sql("sequence", "SELECT name, seq FROM sqlite_sequence").get("rows").toString())
			.isEqualTo("[[\"counted\",1]]");
	}

	private List<Path> withAttacker(Set<Path> files) {
		List<Path> expected = new ArrayList<>(files);
		expected.add(dataDirectory.resolve("tenant").resolve("attacker.db"));
		expected.add(dataDirectory.resolve("tenant").resolve("attacker.db-wal"));
		expected.add(dataDirectory.resolve("tenant").resolve("attacker.db-shm"));
		return expected;
	}

	@Test
	void pragmaWritesAndUnlistedPragmasAreRejected() throws Exception {
		DormDatabase database = this.dorm.database("tenant:pragmas");
		Object stamp = database.exec("PRAGMA user_version").rows().get(0).get(0);
		List<String> rejected = List.of("PRAGMA synchronous = OFF", "PRAGMA synchronous",
				"PRAGMA journal_mode = DELETE", "PRAGMA journal_mode=OFF", "PRAGMA main.journal_mode = MEMORY",
				"PRAGMA journal_mode(DELETE)", "PRAGMA foreign_keys = OFF", "PRAGMA foreign_keys",
				"PRAGMA writable_schema = ON", "PRAGMA trusted_schema = ON", "PRAGMA ignore_check_constraints = ON",
				"PRAGMA schema_version = 1", "PRAGMA user_version = 7", "PRAGMA \"user_version\" = 7",
				"PRAGMA max_page_count = 1", "PRAGMA query_only = ON", "PRAGMA locking_mode = EXCLUSIVE",
				"PRAGMA mmap_size = 1048576", "PRAGMA temp_store_directory = '/tmp'", "PRAGMA wal_checkpoint(TRUNCATE)",
				"PRAGMA optimize", "PRAGMA incremental_vacuum", "PRAGMA cache_size = 1",
				"PRAGMA recursive_triggers = OFF", "PRAGMA application_id = 5", "PRAGMA auto_vacuum = FULL",
				"PRAGMA page_size = 512", "pragma Foreign_Keys=0", "EXPLAIN PRAGMA foreign_keys = OFF",
				"EXPLAIN QUERY PLAN PRAGMA writable_schema = ON", "PRAGMA", "BEGIN", "BEGIN IMMEDIATE", "COMMIT", "END",
				"ROLLBACK", "SAVEPOINT s1", "RELEASE s1");
		for (String sql : rejected) {
			HttpResponse<String> response = this.http.admin("/db/pragmas/query/raw",
					SqlEndpointHttp.toJson(Map.of("sql", sql)));
			assertThat(response.statusCode()).as(sql).isEqualTo(400);
			assertThat(SqlEndpointHttp.error(response)).as(sql).contains("is not allowed through the SQL endpoint");
		}
		assertThat(database.exec("PRAGMA foreign_keys").rows()).containsExactly(List.of(1L));
		assertThat(database.exec("PRAGMA journal_mode").rows()).containsExactly(List.of("wal"));
		assertThat(database.exec("PRAGMA writable_schema").rows()).containsExactly(List.of(0L));
		assertThat(database.exec("PRAGMA query_only").rows()).containsExactly(List.of(0L));
		assertThat(database.exec("PRAGMA user_version").rows().get(0).get(0)).isEqualTo(stamp);
		assertThat(this.http.sql("pragmas", "SELECT count(*) FROM kv").get("rows").toString()).isEqualTo("[[0]]");
	}

	@Test
	void informationalPragmasCanBeRead() throws Exception {
		this.dorm.database("tenant:readable").exec("CREATE INDEX kv_v ON kv (v)");
		for (String sql : List.of("PRAGMA table_info(kv)", "PRAGMA table_xinfo('kv')", "PRAGMA index_list(kv)",
				"PRAGMA index_info(kv_v)", "PRAGMA index_xinfo(kv_v)", "PRAGMA foreign_key_list(kv)",
				"PRAGMA foreign_key_check", "PRAGMA integrity_check", "PRAGMA quick_check(5)", "PRAGMA page_count",
				"PRAGMA page_size", "PRAGMA freelist_count", "PRAGMA user_version", "PRAGMA schema_version",
				"PRAGMA application_id", "PRAGMA main.journal_mode", "PRAGMA encoding", "PRAGMA compile_options",
				"PRAGMA database_list", "PRAGMA table_list", "PRAGMA collation_list", "PRAGMA function_list",
				"PRAGMA module_list", "PRAGMA pragma_list", "PRAGMA data_version", "PRAGMA max_page_count",
				"PRAGMA auto_vacuum", "SELECT * FROM pragma_table_info('kv')", "SELECT * FROM pragma_index_list('kv')",
				"EXPLAIN SELECT 1", "EXPLAIN QUERY PLAN SELECT * FROM kv")) {
			HttpResponse<String> response = this.http.admin("/db/readable/query/raw",
					SqlEndpointHttp.toJson(Map.of("sql", sql)));
			assertThat(response.statusCode()).as(sql + ": " + response.body()).isEqualTo(200);
		}
		assertThat(this.http.sql("readable", "PRAGMA journal_mode").get("rows").toString()).isEqualTo("[[\"wal\"]]");
		assertThat(this.http.sql("readable", "PRAGMA table_info(kv)").get("rows").size()).isEqualTo(2);
	}

	private static Map<Path, byte[]> snapshot() throws Exception {
		Map<Path, byte[]> files = new HashMap<>();
		try (Stream<Path> paths = Files.walk(dataDirectory)) {
			for (Path path : paths.filter(Files::isRegularFile).toList()) {
				files.put(path, Files.readAllBytes(path));
			}
		}
		return files;
	}

}
