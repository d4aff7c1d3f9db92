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

package dev.dorm.sql;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Tests for {@link SqlScript} and {@link SqlStatement}.
 */
class SqlScriptTests {

	private static final int ONE_MEGABYTE = 1024 * 1024;

	private static final String TRIGGER_WITH_CASE = """
			CREATE TRIGGER order_size AFTER INSERT ON orders
			BEGIN
				UPDATE orders SET size = CASE WHEN new.total > 100 THEN 'big' ELSE 'small' END
					WHERE id = new.id;
				INSERT INTO audit VALUES (new.id, CASE new.status WHEN 'paid' THEN 'p;' END);
			END""";

	@ParameterizedTest(name = "{0}")
	@MethodSource("splitCases")
	void parseSplitsStatements(String description, String sql, List<String> expectedTexts) {
		assertThat(texts(SqlScript.parse(sql))).containsExactlyElementsOf(expectedTexts);
	}

	static Stream<Arguments> splitCases() {
		return Stream.of(arguments("empty input", "", List.of()), arguments("whitespace only", " \t\r\n\f ", List.of()),
				arguments("semicolons only", " ; ;; ", List.of()),
				arguments("comments only", "-- a\n/* b */ ; -- c", List.of()),
				arguments("statement without semicolon", "SELECT 1", List.of("SELECT 1")),
				arguments("statement with semicolon", "SELECT 1;", List.of("SELECT 1")),
				arguments("two statements", "SELECT 1; SELECT 2", List.of("SELECT 1", "SELECT 2")),
				arguments("empty statements between", "select 1;;; select 2", List.of("select 1", "select 2")),
				arguments("text is trimmed", " \n\t SELECT 1 \r\n ;  ", List.of("SELECT 1")),
				arguments("leading byte order mark", "\uFEFFSELECT 1", List.of("SELECT 1")),
				arguments("leading comment kept", "-- note\nSELECT 1", List.of("-- note\nSELECT 1")),
				arguments("inner comments kept", "SELECT /* a */ 1 -- b\n;", List.of("SELECT /* a */ 1 -- b")),
				arguments("trailing comment dropped", "SELECT 1; -- done", List.of("SELECT 1")),
				arguments("semicolon in string", "SELECT 'a;b'; SELECT 2", List.of("SELECT 'a;b'", "SELECT 2")),
				arguments("escaped quote in string", "SELECT 'it''s;'; SELECT 2",
						List.of("SELECT 'it''s;'", "SELECT 2")),
				arguments("semicolon in double-quoted identifier", "SELECT \"a\"\";b\" FROM t; SELECT 2",
						List.of("SELECT \"a\"\";b\" FROM t", "SELECT 2")),
				arguments("semicolon in backtick identifier", "SELECT `a``;b` FROM t; SELECT 2",
						List.of("SELECT `a``;b` FROM t", "SELECT 2")),
				arguments("semicolon in bracket identifier", "SELECT [a;b] FROM t; SELECT 2",
						List.of("SELECT [a;b] FROM t", "SELECT 2")),
				arguments("bracket identifier has no escape", "SELECT [a]];b]", List.of("SELECT [a]]", "b]")),
				arguments("semicolon in line comment", "SELECT 1 -- a; b\n; SELECT 2",
						List.of("SELECT 1 -- a; b", "SELECT 2")),
				arguments("line comment ignores carriage return", "SELECT 1 -- a\r; b\nSELECT 2",
						List.of("SELECT 1 -- a\r; b\nSELECT 2")),
				arguments("line comment to end of input", "SELECT 1 -- ; SELECT 2", List.of("SELECT 1 -- ; SELECT 2")),
				arguments("semicolon in block comment", "SELECT /* ; */ 1; SELECT 2",
						List.of("SELECT /* ; */ 1", "SELECT 2")),
				arguments("block comment not closed by its own star", "SELECT 1 /*/ ; */; SELECT 2",
						List.of("SELECT 1 /*/ ; */", "SELECT 2")),
				arguments("unterminated block comment", "SELECT 1 /* ; SELECT 2", List.of("SELECT 1 /* ; SELECT 2")),
				arguments("unterminated block comment after statement", "SELECT 1; /* ; SELECT 2", List.of("SELECT 1")),
				arguments("block comment opener at end of input", "SELECT 1; /*", List.of("SELECT 1", "/*")),
				arguments("comment markers in strings", "SELECT '/*'; SELECT '--'; SELECT '*/' /* ; */; SELECT 4",
						List.of("SELECT '/*'", "SELECT '--'", "SELECT '*/' /* ; */", "SELECT 4")),
				arguments("quote in block comment", "SELECT 1 /* it's */; SELECT 2",
						List.of("SELECT 1 /* it's */", "SELECT 2")),
				arguments("quote in line comment", "SELECT 1 -- it's\n; SELECT '2'",
						List.of("SELECT 1 -- it's", "SELECT '2'")),
				arguments("unterminated string", "SELECT 'abc; SELECT 2", List.of("SELECT 'abc; SELECT 2")),
				arguments("unterminated string ending in escape", "SELECT 'a''; SELECT 2",
						List.of("SELECT 'a''; SELECT 2")),
				arguments("unterminated double-quoted identifier", "SELECT \"abc; SELECT 2",
						List.of("SELECT \"abc; SELECT 2")),
				arguments("unterminated backtick identifier", "SELECT `abc; SELECT 2",
						List.of("SELECT `abc; SELECT 2")),
				arguments("unterminated bracket identifier", "SELECT [abc; SELECT 2", List.of("SELECT [abc; SELECT 2")),
				arguments("blob literal", "SELECT x'3B'; SELECT X'ab;'; SELECT 3",
						List.of("SELECT x'3B'", "SELECT X'ab;'", "SELECT 3")),
				arguments("unterminated blob literal", "SELECT x'3B; SELECT 2", List.of("SELECT x'3B; SELECT 2")),
				arguments("word ending in x before string", "SELECT max';'; SELECT 2",
						List.of("SELECT max';'", "SELECT 2")),
				arguments("parameters", "SELECT ?, ?12, :a, @b, $c, #d, $e::f; SELECT 2",
						List.of("SELECT ?, ?12, :a, @b, $c, #d, $e::f", "SELECT 2")),
				arguments("Tcl parameter suffix", "SELECT $a(;); SELECT 2", List.of("SELECT $a(;)", "SELECT 2")),
				arguments("Tcl parameter suffix ends at whitespace", "SELECT $a(x ;); SELECT 2",
						List.of("SELECT $a(x", ")", "SELECT 2")),
				arguments("parameter without name", "SELECT :; SELECT 2", List.of("SELECT :", "SELECT 2")),
				arguments("trigger with inner semicolons",
						"CREATE TRIGGER tr AFTER INSERT ON t BEGIN INSERT INTO log VALUES (1); "
								+ "UPDATE t SET a = 2; END; SELECT 1",
						List.of("CREATE TRIGGER tr AFTER INSERT ON t BEGIN INSERT INTO log VALUES (1); "
								+ "UPDATE t SET a = 2; END", "SELECT 1")),
				arguments("trigger with CASE", TRIGGER_WITH_CASE + ";\nSELECT 2",
						List.of(TRIGGER_WITH_CASE, "SELECT 2")),
				arguments("trigger with CASE in WHEN clause",
						"CREATE TRIGGER tr AFTER INSERT ON t WHEN CASE new.a WHEN 1 THEN 1 END "
								+ "BEGIN SELECT 1; END; SELECT 2",
						List.of("CREATE TRIGGER tr AFTER INSERT ON t WHEN CASE new.a WHEN 1 THEN 1 END "
								+ "BEGIN SELECT 1; END", "SELECT 2")),
				arguments("trigger with column named end",
						"CREATE TRIGGER tr AFTER INSERT ON t BEGIN UPDATE t SET end = 1; END; SELECT 2",
						List.of("CREATE TRIGGER tr AFTER INSERT ON t BEGIN UPDATE t SET end = 1; END", "SELECT 2")),
				arguments("temp trigger in lower case",
						"create temp trigger tr after insert on t begin select 1; end; select 2",
						List.of("create temp trigger tr after insert on t begin select 1; end", "select 2")),
				arguments("temporary trigger in mixed case",
						"Create Temporary Trigger tr After Insert On t Begin Select 1; End; Select 2",
						List.of("Create Temporary Trigger tr After Insert On t Begin Select 1; End", "Select 2")),
				arguments("trigger with comment before END",
						"CREATE TRIGGER tr AFTER INSERT ON t BEGIN SELECT 1; /* x */ -- y\n END; SELECT 2",
						List.of("CREATE TRIGGER tr AFTER INSERT ON t BEGIN SELECT 1; /* x */ -- y\n END", "SELECT 2")),
				arguments("trigger not ended by other word after semicolon",
						"CREATE TRIGGER tr AFTER INSERT ON t BEGIN SELECT 1; x; SELECT 2; END; SELECT 3",
						List.of("CREATE TRIGGER tr AFTER INSERT ON t BEGIN SELECT 1; x; SELECT 2; END", "SELECT 3")),
				arguments("trigger not ended by END without semicolon",
						"CREATE TRIGGER tr AFTER INSERT ON t BEGIN SELECT 1; END x; SELECT 2; END; SELECT 3",
						List.of("CREATE TRIGGER tr AFTER INSERT ON t BEGIN SELECT 1; END x; SELECT 2; END",
								"SELECT 3")),
				arguments("trigger ending the input", "CREATE TRIGGER tr AFTER INSERT ON t BEGIN SELECT 1; END",
						List.of("CREATE TRIGGER tr AFTER INSERT ON t BEGIN SELECT 1; END")),
				arguments("unterminated trigger", "CREATE TRIGGER tr AFTER INSERT ON t BEGIN SELECT 1; SELECT 2;",
						List.of("CREATE TRIGGER tr AFTER INSERT ON t BEGIN SELECT 1; SELECT 2;")),
				arguments("explained trigger",
						"EXPLAIN QUERY PLAN CREATE TRIGGER tr AFTER INSERT ON t BEGIN SELECT 1; END; SELECT 2",
						List.of("EXPLAIN QUERY PLAN CREATE TRIGGER tr AFTER INSERT ON t BEGIN SELECT 1; END",
								"SELECT 2")),
				arguments("table named trigger", "CREATE TABLE trigger(end); SELECT 2",
						List.of("CREATE TABLE trigger(end)", "SELECT 2")),
				arguments("temp table", "CREATE TEMP TABLE t(a); SELECT 2",
						List.of("CREATE TEMP TABLE t(a)", "SELECT 2")),
				arguments("quoted trigger keyword", "CREATE \"TRIGGER\" tr; SELECT 2",
						List.of("CREATE \"TRIGGER\" tr", "SELECT 2")),
				arguments("NUL character", "SELECT 1\u0000; SELECT 2", List.of("SELECT 1\u0000", "SELECT 2")));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("keywordCases")
	void keywordIsFirstBareWord(String sql, String expectedKeyword) {
		assertThat(single(sql).keyword()).isEqualTo(expectedKeyword);
	}

	static Stream<Arguments> keywordCases() {
		return Stream.of(arguments("select 1", "SELECT"), arguments("Select 1", "SELECT"),
				arguments("WiTh x AS (SELECT 1) SELECT * FROM x", "WITH"), arguments("pragma user_version", "PRAGMA"),
				arguments("attach 'other.db' AS other", "ATTACH"), arguments("detach other", "DETACH"),
				arguments("VACUUM INTO 'copy.db'", "VACUUM"),
				arguments("-- c;\n/* d; */ insert INTO t VALUES (1)", "INSERT"), arguments("\uFEFFselect 1", "SELECT"),
				arguments("(SELECT 1)", ""), arguments("'abc'", ""), arguments("\"select\" 1", ""),
				arguments("[select] 1", ""), arguments("? 1", ""), arguments("\u017Felect 1", "\u017FELECT"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("wordsCases")
	void wordsAreBareWordsInUpperCase(String sql, List<String> expectedWords) {
		assertThat(single(sql).words()).containsExactlyElementsOf(expectedWords);
	}

	static Stream<Arguments> wordsCases() {
		return Stream.of(
				arguments("SELECT a, \"b\", [c], `d`, 'e', x'0F', 1, 2.5e3, 0x1F, ?, ?3, :f, @g, $h, #i FROM t",
						List.of("SELECT", "A", "FROM", "T")),
				arguments("select /* from */ a -- where\n from t", List.of("SELECT", "A", "FROM", "T")),
				arguments("SELECT a$b, _c, x1, xyz", List.of("SELECT", "A$B", "_C", "X1", "XYZ")),
				arguments("SELECT 1abc, 1_000, .5e-3f", List.of("SELECT")),
				arguments("select stra\u00DFe, \u017Felect", List.of("SELECT", "STRA\u00DFE", "\u017FELECT")),
				arguments("VACUUM INTO 'copy.db'", List.of("VACUUM", "INTO")),
				arguments("SELECT load_extension('x')", List.of("SELECT", "LOAD_EXTENSION")),
				arguments("SELECT \"load_extension\"('x')", List.of("SELECT")),
				arguments("SELECT t.a FROM main.t", List.of("SELECT", "T", "A", "FROM", "MAIN", "T")),
				arguments("SELECT $a(FROM) FROM t", List.of("SELECT", "FROM", "T")),
				arguments("'only a string'", List.of()));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("readOnlyCases")
	void isReadOnlyClassifiesStatements(String sql, boolean expectedReadOnly) {
		assertThat(single(sql).isReadOnly()).isEqualTo(expectedReadOnly);
	}

	static Stream<Arguments> readOnlyCases() {
		return Stream.of(arguments("SELECT 1", true), arguments("select * from t", true),
				arguments("-- leading comment\n/* and another */ SELECT 1", true), arguments("VALUES (1), (2)", true),
				arguments("EXPLAIN DELETE FROM t", true), arguments("explain query plan delete from t", true),
				arguments("WITH x AS (SELECT 1) SELECT * FROM x", true),
				arguments("WITH x AS (SELECT 1) VALUES (2)", true),
				arguments("WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < 5) SELECT n FROM c",
						true),
				arguments("with a as (delete from t returning *), b as materialized (select 2) select * from b", true),
				arguments("WITH x AS (SELECT 1) DELETE FROM t WHERE a IN x", false),
				arguments("WITH x AS (VALUES (1)) INSERT INTO t SELECT * FROM x", false),
				arguments("WITH x AS (SELECT 1) UPDATE t SET a = (SELECT * FROM x)", false),
				arguments("WITH x AS (SELECT 1) REPLACE INTO t SELECT * FROM x", false),
				arguments("WITH x AS (SELECT 1) /* SELECT */ DELETE FROM t", false),
				arguments("WITH \"select\" AS (SELECT 1) DELETE FROM t", false),
				arguments("WITH replace AS (SELECT 1) SELECT * FROM replace", false), arguments("WITH", false),
				arguments("INSERT INTO t VALUES (1)", false), arguments("UPDATE t SET a = 1", false),
				arguments("DELETE FROM t", false), arguments("REPLACE INTO t VALUES (1)", false),
				arguments("CREATE TABLE t AS SELECT 1", false), arguments("DROP TABLE t", false),
				arguments("PRAGMA user_version", false), arguments("PRAGMA table_info(t)", false),
				arguments("ATTACH 'x.db' AS x", false), arguments("VACUUM", false), arguments("ANALYZE", false),
				arguments("BEGIN", false), arguments("(SELECT 1)", false), arguments("\"SELECT\" 1", false),
				arguments("\u017Felect 1", false));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("pragmaCases")
	void pragmaNameAndAssignment(String sql, String expectedName, boolean expectedAssignment) {
		SqlStatement statement = single(sql);
		assertThat(statement.pragmaName()).isEqualTo(expectedName);
		assertThat(statement.isPragmaAssignment()).isEqualTo(expectedAssignment);
	}

	static Stream<Arguments> pragmaCases() {
		return Stream.of(arguments("PRAGMA journal_mode", "JOURNAL_MODE", false),
				arguments("pragma journal_mode = wal", "JOURNAL_MODE", true),
				arguments("PRAGMA main.journal_mode=WAL", "JOURNAL_MODE", true),
				arguments("PRAGMA user_version == 5", "USER_VERSION", true),
				arguments("PRAGMA user_version = -5", "USER_VERSION", true),
				arguments("PRAGMA cache_size(-2000)", "CACHE_SIZE", true),
				arguments("PRAGMA temp.cache_size(10)", "CACHE_SIZE", true),
				arguments("PRAGMA table_info(t)", "TABLE_INFO", false),
				arguments("PRAGMA main.index_list('t')", "INDEX_LIST", false),
				arguments("PRAGMA table_info = t", "TABLE_INFO", true),
				arguments("PRAGMA integrity_check", "INTEGRITY_CHECK", false),
				arguments("PRAGMA \"foreign_keys\" = OFF", "FOREIGN_KEYS", true),
				arguments("PRAGMA 'user_version'", "USER_VERSION", false),
				arguments("PRAGMA [main].`user_version` = 1", "USER_VERSION", true),
				arguments("PRAGMA \"a\"\"b\" = 1", "A\"B", true),
				arguments("PRAGMA /* c */ Main . Schema_Version -- d\n = 1", "SCHEMA_VERSION", true),
				arguments("PRAGMA \u017Fchema_version = 1", "\u017FCHEMA_VERSION", true),
				arguments("PRAGMA", "", false), arguments("PRAGMA main.", "", false),
				arguments("PRAGMA = 1", "", false), arguments("SELECT 1", null, false),
				arguments("EXPLAIN PRAGMA user_version = 1", null, false));
	}

	@ParameterizedTest
	@ValueSource(strings = { "table_info", "table_xinfo", "index_info", "index_xinfo", "index_list", "foreign_key_list",
			"foreign_key_check", "integrity_check", "quick_check", "function_list", "pragma_list", "module_list",
			"collation_list", "database_list", "compile_options", "table_list" })
	void pragmaReadWithArgumentIsNotAssignment(String name) {
		SqlStatement statement = single("PRAGMA main." + name + "(t)");
		assertThat(statement.pragmaName()).isEqualToIgnoringCase(name);
		assertThat(statement.isPragmaAssignment()).isFalse();
	}

	@Test
	void toStringReturnsText() {
		SqlStatement statement = single(" SELECT /* a */ 1 ;");
		assertThat(statement).hasToString("SELECT /* a */ 1");
		assertThat(statement.text()).isEqualTo("SELECT /* a */ 1");
	}

	@Test
	void wordsAreUnmodifiable() {
		List<String> words = single("SELECT 1").words();
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> words.add("DELETE"));
	}

	@Test
	void parseResultIsUnmodifiable() {
		List<SqlStatement> statements = SqlScript.parse("SELECT 1");
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(statements::clear);
	}

	@Test
	void parseRejectsNull() {
		assertThatNullPointerException().isThrownBy(() -> SqlScript.parse(null)).withMessage("sql must not be null");
	}

	@Test
	void parseManyStatementsInOneMegabyte() {
		String sql = "SELECT 1;\n".repeat(ONE_MEGABYTE / 10 + 1);
		List<SqlStatement> statements = parseWithinTimeLimit(sql);
		assertThat(statements).hasSize(ONE_MEGABYTE / 10 + 1);
		assertThat(statements).allMatch((statement) -> statement.text().equals("SELECT 1"));
	}

	@Test
	void parseDeepParenthesesInOneMegabyte() {
		int depth = ONE_MEGABYTE / 2;
		String sql = "WITH x AS " + "(".repeat(depth) + "SELECT 1" + ")".repeat(depth) + " DELETE FROM t; SELECT 2";
		List<SqlStatement> statements = parseWithinTimeLimit(sql);
		assertThat(statements).hasSize(2);
		assertThat(statements.get(0).words()).containsExactly("WITH", "X", "AS", "SELECT", "DELETE", "FROM", "T");
		assertThat(statements.get(0).isReadOnly()).isFalse();
	}

	@Test
	void parseLongLiteralsAndCommentsInOneMegabyte() {
		String escapedQuotes = "''".repeat(ONE_MEGABYTE / 6);
		String semicolons = ";".repeat(ONE_MEGABYTE / 6);
		String sql = "SELECT '" + escapedQuotes + semicolons + "', \"" + semicolons + "\", [" + semicolons + "] /*"
				+ semicolons + "*/ -- " + semicolons + "\n; SELECT 2";
		String expectedFirstText = sql.substring(0, sql.indexOf("\n;"));
		List<SqlStatement> statements = parseWithinTimeLimit(sql);
		assertThat(sql.length()).isGreaterThan(ONE_MEGABYTE);
		assertThat(statements).hasSize(2);
		assertThat(statements.get(0).text().equals(expectedFirstText)).as("first text is the input before ';'")
			.isTrue();
		assertThat(statements.get(1).text()).isEqualTo("SELECT 2");
	}

	@Test
	void parseLongTriggerInOneMegabyte() {
		String body = "INSERT INTO log VALUES (CASE WHEN new.a THEN 1 END);\n".repeat(ONE_MEGABYTE / 50);
		String trigger = "CREATE TRIGGER tr AFTER INSERT ON t BEGIN\n" + body + "END";
		List<SqlStatement> statements = parseWithinTimeLimit(trigger + "; SELECT 2");
		assertThat(texts(statements)).containsExactly(trigger, "SELECT 2");
	}

	@Test
	void parseAllocatesLittleForShortStatement() {
		com.sun.management.ThreadMXBean threads = threadMXBean();
		String sql = "SELECT id, name, email FROM customers WHERE status = 'active' AND created_at >= ? ORDER BY name, id;";
		int iterations = 10_000;
		for (int i = 0; i < iterations; i++) {
			SqlScript.parse(sql);
		}
		long before = threads.getCurrentThreadAllocatedBytes();
		for (int i = 0; i < iterations; i++) {
			SqlScript.parse(sql);
		}
		long bytesPerParse = (threads.getCurrentThreadAllocatedBytes() - before) / iterations;
		assertThat(sql).hasSize(100);
		// This test measured about 1.6 KB per parse on OpenJDK 17.0.15. A regular
		// expression match per word exceeds the bound.
		assertThat(bytesPerParse).isLessThan(3072);
	}

	@Test
	void splitScriptBuildsSameDatabaseAsSqlite(@TempDir Path directory) throws SQLException {
		String script = """
				-- Shop schema. Semicolons in comments, strings and names must not split it; really.
				CREATE TABLE customer (
					id INTEGER PRIMARY KEY,
					name TEXT NOT NULL DEFAULT 'unknown; really',
					"display;name" TEXT,
					[bracket;name] TEXT,
					`tick;name` TEXT
				);
				CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER REFERENCES customer (id),
					total REAL, status TEXT, end INTEGER DEFAULT 0);
				/* Filled by the trigger below; one row per order. */
				CREATE TABLE audit (id INTEGER PRIMARY KEY, order_id INTEGER, size TEXT, note TEXT);
				CREATE INDEX orders_customer ON orders (customer_id);
				CREATE VIEW big_orders AS SELECT * FROM orders WHERE total > 100 /* ; */;
				CREATE TRIGGER orders_audit AFTER INSERT ON orders
				WHEN CASE WHEN new.total IS NULL THEN 0 ELSE 1 END
				BEGIN
					INSERT INTO audit (order_id, size, note) VALUES (
						new.id,
						CASE WHEN new.total > 100 THEN 'big' WHEN new.total > 10 THEN 'medium' ELSE 'small' END,
						'inserted; ' || CASE new.status WHEN 'paid' THEN 'paid' ELSE 'open' END
					);
					-- The column is named end, which must not end the trigger; nor must this comment.
					UPDATE orders SET end = 1 WHERE id = new.id;
				END;
				INSERT INTO customer (name, "display;name", [bracket;name]) VALUES ('Ann', 'A;nn', x'3B'), ('Bob', ';', NULL);
				INSERT INTO orders (customer_id, total, status) VALUES (1, 250, 'paid'), (1, 20, 'open'), (2, 5, NULL);
				""";
		List<SqlStatement> statements = SqlScript.parse(script);
		try (Connection expected = connect(directory.resolve("whole.db"));
				Connection actual = connect(directory.resolve("split.db"))) {
			try (Statement statement = expected.createStatement()) {
				// sqlite-jdbc's executeUpdate runs every statement of the script.
				statement.executeUpdate(script);
			}
			for (SqlStatement statement : statements) {
				// A PreparedStatement runs only the first statement of its text,
				// so a split that merged two statements would lose the second.
				try (PreparedStatement prepared = actual.prepareStatement(statement.text())) {
					prepared.execute();
				}
			}
			String schemaQuery = "SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY type, name";
			assertThat(statements).hasSize(8);
			assertThat(rows(actual, "SELECT name FROM sqlite_schema ORDER BY name")).containsExactly(List.of("audit"),
					List.of("big_orders"), List.of("customer"), List.of("orders"), List.of("orders_audit"),
					List.of("orders_customer"));
			assertThat(rows(actual, schemaQuery)).isEqualTo(rows(expected, schemaQuery));
			assertThat(rows(actual, "SELECT size, note FROM audit ORDER BY id")).containsExactly(
					List.of("big", "inserted; paid"), List.of("medium", "inserted; open"),
					List.of("small", "inserted; open"));
			for (String table : List.of("customer", "orders", "audit")) {
				String dataQuery = "SELECT * FROM " + table + " ORDER BY id";
				assertThat(rows(actual, dataQuery)).isEqualTo(rows(expected, dataQuery));
			}
		}
	}

	@Test
	void tclParameterSuffixMatchesSqlite(@TempDir Path directory) throws SQLException {
		String sql = "SELECT $a(;) AS value";
		try (Connection connection = connect(directory.resolve("parameters.db"));
				PreparedStatement prepared = connection.prepareStatement(sql)) {
			assertThat(prepared.getParameterMetaData().getParameterCount()).isOne();
		}
		assertThat(texts(SqlScript.parse(sql + "; SELECT 2"))).containsExactly(sql, "SELECT 2");
	}

	private static SqlStatement single(String sql) {
		List<SqlStatement> statements = SqlScript.parse(sql);
		assertThat(statements).hasSize(1);
		return statements.get(0);
	}

	private static List<String> texts(List<SqlStatement> statements) {
		return statements.stream().map(SqlStatement::text).toList();
	}

	private static List<SqlStatement> parseWithinTimeLimit(String sql) {
		// Each test that uses this took under 0.3 s on a 2-core machine, so only
		// quadratic work should reach the limit.
		return assertTimeoutPreemptively(Duration.ofSeconds(10), () -> SqlScript.parse(sql));
	}

	private static com.sun.management.ThreadMXBean threadMXBean() {
		assumeThat(ManagementFactory.getThreadMXBean()).isInstanceOf(com.sun.management.ThreadMXBean.class);
		com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
		assumeThat(threads.isThreadAllocatedMemoryEnabled()).isTrue();
		return threads;
	}

	private static Connection connect(Path database) throws SQLException {
		return DriverManager.getConnection("jdbc:sqlite:" + database);
	}

	private static List<List<String>> rows(Connection connection, String query) throws SQLException {
		List<List<String>> rows = new ArrayList<>();
		try (Statement statement = connection.createStatement(); ResultSet resultSet = statement.executeQuery(query)) {
			ResultSetMetaData metaData = resultSet.getMetaData();
			while (resultSet.next()) {
				List<String> row = new ArrayList<>();
				for (int column = 1; column <= metaData.getColumnCount(); column++) {
					row.add(String.valueOf(resultSet.getString(column)));
				}
				rows.add(row);
			}
		}
		return rows;
	}

}
