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

package dev.dorm.schema;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests that names and values which would break naive SQL, such as quotes, semicolons,
 * comment markers, reserved words and any Unicode text, reach SQLite unchanged.
 */
class HostileNamesTests {

	/**
	 * Names that differ from each other even when SQLite folds ASCII case.
	 */
	static final List<String> NAMES = List.of("it's", "\"quoted\"", "a\"b'c", "x; DROP TABLE t; --", "-- comment",
			"/* open", "*/", "select", "order", "group", "table", "BEGIN", "CASE", "END", "null", " spaced ", "",
			"ünïcödé", "名前", "😀 emoji 👩‍👩‍👧", "e\u0301", "\u202Eright-to-left", "\uFEFFbom", "tab\tnew\nline\r",
			"${placeholder}", "[bracket]", "`backtick`", "back\\slash", "?1", ":name", "@x", "$1", "'", "\"", "''",
			"\"\"", "%_", "ſelect", "x".repeat(2000));

	@TempDir
	Path directory;

	private SqliteFile database;

	@BeforeEach
	void openDatabase() throws SQLException {
		this.database = new SqliteFile(this.directory.resolve("hostile.db"));
	}

	@AfterEach
	void closeDatabase() throws SQLException {
		this.database.close();
	}

	@Test
	void hostileColumnNamesRoundTrip() throws SQLException {
		List<String> columns = nonEmptyNames();
		ObjectNode schema = schema("hostile columns; --");
		for (String name : columns) {
			properties(schema).putObject(name).put("type", "string");
		}
		this.database.executeAll(JsonSchemaToSql.toSql(schema));
		assertThat(this.database.columnNames("hostile columns; --")).containsExactlyElementsOf(columns);
		for (String name : columns) {
			assertThat(this.database.insertAndRead("hostile columns; --", name, name)).isEqualTo(name);
		}
	}

	@Test
	void hostileTableNamesRoundTrip() throws SQLException {
		for (String name : nonEmptyNames()) {
			ObjectNode schema = schema(name);
			properties(schema).putObject(name).put("x-dorm-index", true);
			this.database.executeAll(JsonSchemaToSql.toSql(schema));
			assertThat(this.database.query("SELECT name FROM sqlite_schema WHERE type = 'table' AND name = ?", name))
				.hasSize(1);
			assertThat(this.database.columnNames(name)).containsExactly(name);
			String index = "idx_" + name + "_" + name;
			assertThat(this.database.indexList(name))
				.containsExactly(Map.of("name", index, "unique", 0, "origin", "c"));
			assertThat(this.database.indexColumns(index)).containsExactly(name);
			assertThat(this.database.insertAndRead(name, name, "value of " + name)).isEqualTo("value of " + name);
		}
	}

	@Test
	void hostileIndexNamesRoundTrip() throws SQLException {
		List<String> names = nonEmptyNames();
		ObjectNode schema = schema("indexed");
		ArrayNode indexes = schema.putArray("x-dorm-indexes");
		for (int i = 0; i < names.size(); i++) {
			properties(schema).putObject("c" + i).put("x-dorm-index", names.get(i));
			indexes.addObject()
				.put("name", "unique " + names.get(i))
				.put("unique", true)
				.putArray("columns")
				.add("c" + i);
		}
		this.database.executeAll(JsonSchemaToSql.toSql(schema));
		List<String> expected = new ArrayList<>(names);
		names.forEach((name) -> expected.add("unique " + name));
		assertThat(this.database.indexList("indexed")).extracting((index) -> index.get("name"))
			.containsExactlyInAnyOrderElementsOf(expected);
		for (int i = 0; i < names.size(); i++) {
			assertThat(this.database.indexColumns(names.get(i))).containsExactly("c" + i);
			assertThat(this.database.indexColumns("unique " + names.get(i))).containsExactly("c" + i);
		}
	}

	@Test
	void hostileDefaultsRoundTrip() throws SQLException {
		for (int i = 0; i < NAMES.size(); i++) {
			String value = NAMES.get(i);
			String table = "defaults " + i;
			ObjectNode schema = schema(table);
			properties(schema).putObject("v").put("type", "string").put("x-dorm-default", value);
			properties(schema).putObject("w").put("type", "integer");
			this.database.executeAll(JsonSchemaToSql.toSql(schema));
			assertThat(this.database.column(table, "v").get("dflt_value"))
				.isEqualTo("'" + value.replace("'", "''") + "'");
			this.database.execute("INSERT INTO " + SqliteFile.quote(table) + " (w) VALUES (1)");
			assertThat(this.database.query("SELECT v FROM " + SqliteFile.quote(table)).get(0).get("v"))
				.isEqualTo(value);
		}
	}

	@Test
	void hostileEnumMembersAreAcceptedExactly() throws SQLException {
		ObjectNode schema = schema("choices");
		ArrayNode members = properties(schema).putObject("choice").put("type", "string").putArray("enum");
		NAMES.forEach(members::add);
		this.database.executeAll(JsonSchemaToSql.toSql(schema));
		for (String member : NAMES) {
			assertThat(this.database.insertAndRead("choices", "choice", member)).isEqualTo(member);
		}
		for (String nearMiss : List.of("it''s", "\"quoted", "SELECT", "x", "😀", " ")) {
			assertThatExceptionOfType(SQLException.class)
				.isThrownBy(() -> this.database.insertAndRead("choices", "choice", nearMiss))
				.withMessageContaining("CHECK constraint failed");
		}
	}

	@Test
	void hostileForeignKeyTargetsRoundTrip() throws SQLException {
		ObjectNode parent = schema("parent'; --");
		properties(parent).putObject("key \"id\"").put("type", "string").put("x-dorm-primary-key", true);
		ObjectNode child = schema("child");
		properties(child).putObject("ref")
			.put("type", "string")
			.putObject("x-dorm-references")
			.put("table", "parent'; --")
			.put("column", "key \"id\"")
			.put("onDelete", "CASCADE");
		this.database.executeAll(JsonSchemaToSql.toSql(parent));
		this.database.executeAll(JsonSchemaToSql.toSql(child));
		assertThat(this.database.foreignKeys("child")).containsExactly(Map.of("table", "parent'; --", "from", "ref",
				"to", "key \"id\"", "on_update", "NO ACTION", "on_delete", "CASCADE"));
		this.database.execute("INSERT INTO \"parent'; --\" VALUES ('p')");
		this.database.execute("INSERT INTO child VALUES ('p')");
		assertThatExceptionOfType(SQLException.class)
			.isThrownBy(() -> this.database.execute("INSERT INTO child VALUES ('missing')"))
			.withMessageContaining("FOREIGN KEY constraint failed");
		this.database.execute("DELETE FROM \"parent'; --\"");
		assertThat(this.database.query("SELECT count(*) AS n FROM child").get(0).get("n")).isEqualTo(0);
	}

	/**
	 * Return the names other than the empty one, which the generator rejects as a table,
	 * column or index name but accepts as a default or an enum member.
	 */
	private static List<String> nonEmptyNames() {
		return NAMES.stream().filter((name) -> !name.isEmpty()).toList();
	}

	private static ObjectNode properties(ObjectNode schema) {
		return (ObjectNode) schema.get("properties");
	}

	private static ObjectNode schema(String table) {
		ObjectNode schema = JsonMapper.shared().createObjectNode();
		schema.put("$id", table);
		schema.putObject("properties");
		return schema;
	}

}
