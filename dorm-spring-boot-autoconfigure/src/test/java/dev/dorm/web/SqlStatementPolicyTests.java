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

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link SqlStatementPolicy}.
 */
class SqlStatementPolicyTests {

	@ParameterizedTest
	@ValueSource(strings = { "SELECT * FROM \"main\".sqlite_schema;", "SELECT * FROM pragma_table_info('t')",
			"WITH x AS (SELECT 1) SELECT * FROM x", "INSERT INTO t VALUES (1) RETURNING rowid, *",
			"CREATE TABLE t (a INTEGER PRIMARY KEY)", "DROP TABLE \"main\".\"t\";", "PRAGMA table_info(t)",
			"PRAGMA main.table_info('t')", "pragma Quick_Check", "PRAGMA integrity_check(10)", "EXPLAIN SELECT 1",
			"EXPLAIN QUERY PLAN SELECT * FROM t", "SELECT 'attach' AS word", "SELECT \"vacuum\" FROM t",
			"CREATE TRIGGER tr AFTER INSERT ON t BEGIN UPDATE t SET a = 1; END", "SELECT 'Grüße ✓'" })
	void allowedStatementParses(String sql) {
		assertThat(SqlStatementPolicy.parseSingle(sql, "'sql'").text()).isNotEmpty();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			ATTACH 'other.db' AS other                        | ATTACH is not allowed
			  /* c */ attach database 'x' as y                | ATTACH is not allowed
			DETACH other                                      | DETACH is not allowed
			VACUUM                                            | VACUUM is not allowed
			VACUUM INTO '/tmp/copy.db'                        | VACUUM is not allowed
			SELECT load_extension('x')                        | load_extension is not allowed
			SELECT "LOAD_EXTENSION"('x')                      | load_extension is not allowed
			SELECT [load_extension]('x')                      | load_extension is not allowed
			PRAGMA journal_mode = DELETE                      | PRAGMA journal_mode assignment is not allowed
			PRAGMA journal_mode(DELETE)                       | PRAGMA journal_mode assignment is not allowed
			PRAGMA main."user_version" = 3                    | PRAGMA user_version assignment is not allowed
			PRAGMA synchronous                                | PRAGMA synchronous is not allowed
			PRAGMA wal_checkpoint(TRUNCATE)                   | PRAGMA wal_checkpoint is not allowed
			PRAGMA                                            | PRAGMA is not allowed
			EXPLAIN PRAGMA foreign_keys = OFF                 | EXPLAIN PRAGMA is not allowed
			EXPLAIN QUERY PLAN ATTACH 'x' AS y                | EXPLAIN ATTACH is not allowed
			EXPLAIN VACUUM                                    | EXPLAIN VACUUM is not allowed
			BEGIN                                             | BEGIN is not allowed
			COMMIT                                            | COMMIT is not allowed
			END TRANSACTION                                   | END is not allowed
			ROLLBACK TO s                                     | ROLLBACK is not allowed
			SAVEPOINT s                                       | SAVEPOINT is not allowed
			RELEASE s                                         | RELEASE is not allowed
			SELECT 1; SELECT 2                                | contains 2 statements
			;;                                                | contains no statement
			""")
	void rejectedStatementNamesItsKind(String sql, String expected) {
		assertThatExceptionOfType(SqlEndpointException.class)
			.isThrownBy(() -> SqlStatementPolicy.parseSingle(sql, "'sql'"))
			.satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(400))
			.withMessageContaining(expected);
	}

	@Test
	void nulCharacterIsRejected() {
		assertThatExceptionOfType(SqlEndpointException.class)
			.isThrownBy(() -> SqlStatementPolicy.parseSingle("SELECT 1\u0000; ATTACH 'x' AS y", "'sql'"))
			.withMessageContaining("NUL character");
	}

	@Test
	void everyReadablePragmaIsAllowed() {
		for (String pragma : SqlStatementPolicy.READABLE_PRAGMAS) {
			assertThat(SqlStatementPolicy.parseSingle("PRAGMA " + pragma.toLowerCase(), "'sql'").pragmaName())
				.isEqualTo(pragma);
		}
	}

}
