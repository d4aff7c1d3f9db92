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

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.BooleanNode;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.StringNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.entry;

/**
 * Tests for {@link JsonSchemaToSql}: the statements it writes and the tables SQLite
 * creates from them.
 */
class JsonSchemaToSqlTests {

	@TempDir
	Path directory;

	private SqliteFile database;

	@BeforeEach
	void openDatabase() throws SQLException {
		this.database = new SqliteFile(this.directory.resolve("schema.db"));
	}

	@AfterEach
	void closeDatabase() throws SQLException {
		this.database.close();
	}

	@Test
	void todosSchemaProducesDocumentedStatements() {
		assertThat(JsonSchemaToSql.toSql(ReadmeSchemas.TODOS)).containsExactly("""
				CREATE TABLE IF NOT EXISTS "todos" (
				  "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
				  "owner" TEXT NOT NULL,
				  "title" TEXT NOT NULL CHECK (length("title") >= 1) CHECK (length("title") <= 200),
				  "done" INTEGER NOT NULL DEFAULT 0 CHECK ("done" IN (0, 1)),
				  "priority" INTEGER DEFAULT 2 CHECK ("priority" IN (1, 2, 3)),
				  "due" TEXT,
				  "tags" TEXT DEFAULT '[]' CHECK (CASE WHEN json_valid("tags") THEN json_type("tags") = 'array' \
				ELSE "tags" IS NULL END),
				  FOREIGN KEY ("owner") REFERENCES "users" ("id") ON DELETE CASCADE
				)""", "CREATE INDEX IF NOT EXISTS \"idx_todos_owner_due\" ON \"todos\" (\"owner\", \"due\")");
	}

	@Test
	void todosSchemaCreatesTableInSqlite() throws SQLException {
		this.database.execute("CREATE TABLE users (id TEXT PRIMARY KEY)");
		this.database.executeAll(JsonSchemaToSql.toSql(ReadmeSchemas.TODOS));
		assertThat(this.database.tableInfo("todos")).containsExactly(column("id", "INTEGER", 1, null, 1),
				column("owner", "TEXT", 1, null, 0), column("title", "TEXT", 1, null, 0),
				column("done", "INTEGER", 1, "0", 0), column("priority", "INTEGER", 0, "2", 0),
				column("due", "TEXT", 0, null, 0), column("tags", "TEXT", 0, "'[]'", 0));
		assertThat(this.database.indexList("todos"))
			.containsExactly(Map.of("name", "idx_todos_owner_due", "unique", 0, "origin", "c"));
		assertThat(this.database.indexColumns("idx_todos_owner_due")).containsExactly("owner", "due");
		assertThat(this.database.foreignKeys("todos")).containsExactly(Map.of("table", "users", "from", "owner", "to",
				"id", "on_update", "NO ACTION", "on_delete", "CASCADE"));
		this.database.execute("INSERT INTO users VALUES ('ann')");
		this.database.execute("INSERT INTO todos (owner, title) VALUES ('ann', 'Write tests')");
		assertThat(this.database.query("SELECT id, done, priority, due, tags FROM todos"))
			.containsExactly(row("id", 1, "done", 0, "priority", 2, "due", null, "tags", "[]"));
		assertThat(this.database.query("SELECT name, seq FROM sqlite_sequence"))
			.containsExactly(row("name", "todos", "seq", 1));
		this.database.execute("DELETE FROM users");
		assertThat(this.database.query("SELECT count(*) AS n FROM todos")).containsExactly(row("n", 0));
	}

	@Test
	void statementsRunTwiceWithoutError() throws SQLException {
		this.database.execute("CREATE TABLE users (id TEXT PRIMARY KEY)");
		this.database.executeAll(JsonSchemaToSql.toSql(ReadmeSchemas.TODOS));
		this.database.executeAll(JsonSchemaToSql.toSql(ReadmeSchemas.TODOS));
		assertThat(this.database.columnNames("todos")).hasSize(7);
	}

	@Test
	void textTreeAndObjectOverloadsAgree() {
		JsonNode tree = JsonMapper.shared().readTree(ReadmeSchemas.TODOS);
		TableSchema schema = JsonMapper.shared().treeToValue(tree, TableSchema.class);
		List<String> fromText = JsonSchemaToSql.toSql(ReadmeSchemas.TODOS);
		assertThat(JsonSchemaToSql.toSql(tree)).isEqualTo(fromText);
		assertThat(JsonSchemaToSql.toSql(schema)).isEqualTo(fromText);
	}

	@Test
	void schemaBuiltInCodeMatchesJson() throws SQLException {
		PropertySchema id = new PropertySchema();
		id.setType(List.of("string"));
		id.setPrimaryKey(true);
		PropertySchema count = new PropertySchema();
		count.setType(List.of("integer"));
		count.setMinimum(BigDecimal.ZERO);
		count.setDefaultValue(JsonMapper.shared().readTree("0"));
		PropertySchema label = new PropertySchema();
		label.setType(List.of("string", "null"));
		label.setIndex(StringNode.valueOf("counters_by_label"));
		Map<String, PropertySchema> properties = new LinkedHashMap<>();
		properties.put("id", id);
		properties.put("count", count);
		properties.put("label", label);
		TableSchema schema = new TableSchema();
		schema.setId("counters");
		schema.setProperties(properties);
		schema.setRequired(List.of("count"));
		List<String> statements = JsonSchemaToSql.toSql(schema);
		assertThat(statements).isEqualTo(JsonSchemaToSql.toSql("""
				{"$id": "counters", "properties": {
				  "id": {"type": "string", "x-dorm-primary-key": true},
				  "count": {"type": "integer", "minimum": 0, "x-dorm-default": 0},
				  "label": {"type": ["string", "null"], "x-dorm-index": "counters_by_label"}},
				 "required": ["count"]}"""));
		this.database.executeAll(statements);
		assertThat(this.database.tableInfo("counters")).containsExactly(column("id", "TEXT", 1, null, 1),
				column("count", "INTEGER", 1, "0", 0), column("label", "TEXT", 0, null, 0));
		assertThat(this.database.indexColumns("counters_by_label")).containsExactly("label");
	}

	@Test
	void columnsFollowPropertyOrder() throws SQLException {
		String json = """
				{"$id": "ordered", "properties": {
				  "zeta": {}, "alpha": {}, "Mid": {}, "beta": {}, "10": {}, "2": {}}}""";
		this.database.executeAll(JsonSchemaToSql.toSql(json));
		assertThat(this.database.columnNames("ordered")).containsExactly("zeta", "alpha", "Mid", "beta", "10", "2");
	}

	@Test
	void jsonTypesMapToSqliteTypes() throws SQLException {
		String json = """
				{"$id": "types", "properties": {
				  "i": {"type": "integer"},
				  "f": {"type": "string", "format": "integer"},
				  "n": {"type": "number"},
				  "b": {"type": "boolean"},
				  "o": {"type": "object"},
				  "a": {"type": "array"},
				  "dt": {"type": "string", "format": "date-time"},
				  "d": {"type": "string", "format": "date"},
				  "e": {"type": "string", "format": "email"},
				  "s": {"type": "string"},
				  "untyped": {}}}""";
		this.database.executeAll(JsonSchemaToSql.toSql(json));
		assertThat(this.database.tableInfo("types")).extracting((column) -> column.get("type"))
			.containsExactly("INTEGER", "INTEGER", "REAL", "INTEGER", "TEXT", "TEXT", "TEXT", "TEXT", "TEXT", "TEXT",
					"TEXT");
	}

	@Test
	void nullabilityFollowsTypeRequiredAndPrimaryKey() throws SQLException {
		String json = """
				{"$id": "nullability", "properties": {
				  "key": {"type": "string", "x-dorm-primary-key": true},
				  "required": {"type": "string"},
				  "requiredButNullable": {"type": ["string", "null"]},
				  "optional": {"type": "string"},
				  "nullable": {"type": ["null", "integer"]}},
				 "required": ["required", "requiredButNullable"]}""";
		this.database.executeAll(JsonSchemaToSql.toSql(json));
		assertThat(this.database.tableInfo("nullability")).extracting((column) -> column.get("notnull"))
			.containsExactly(1, 1, 0, 0, 0);
	}

	@Test
	void compositePrimaryKeyFromProperties() throws SQLException {
		String json = """
				{"$id": "memberships", "properties": {
				  "team": {"type": "string", "x-dorm-primary-key": true},
				  "role": {"type": "string"},
				  "user": {"type": "integer", "x-dorm-primary-key": true}}}""";
		List<String> statements = JsonSchemaToSql.toSql(json);
		assertThat(statements.get(0)).contains("PRIMARY KEY (\"team\", \"user\")");
		this.database.executeAll(statements);
		assertThat(this.database.tableInfo("memberships")).extracting((column) -> column.get("pk"))
			.containsExactly(1, 0, 2);
		this.database.execute("INSERT INTO memberships VALUES ('a', 'admin', 1), ('a', 'admin', 2)");
		assertThatExceptionOfType(SQLException.class)
			.isThrownBy(() -> this.database.execute("INSERT INTO memberships VALUES ('a', 'user', 1)"))
			.withMessageContaining("UNIQUE constraint failed");
	}

	@Test
	void tableLevelKeyKeepsKeyOrder() throws SQLException {
		String json = """
				{"$id": "events", "properties": {
				  "at": {"type": "integer"},
				  "tenant": {"type": "string"},
				  "payload": {"type": "object"}},
				 "x-dorm-primary-key": ["tenant", "at"]}""";
		this.database.executeAll(JsonSchemaToSql.toSql(json));
		assertThat(this.database.tableInfo("events")).extracting((column) -> column.get("pk")).containsExactly(2, 1, 0);
		assertThat(this.database.tableInfo("events")).extracting((column) -> column.get("notnull"))
			.containsExactly(1, 1, 0);
	}

	@Test
	void integerTableKeyBecomesRowidAlias() throws SQLException {
		String json = """
				{"$id": "rows", "properties": {"n": {"type": "integer"}, "v": {}}, "x-dorm-primary-key": ["n"]}""";
		assertThat(JsonSchemaToSql.toSql(json).get(0)).contains("\"n\" INTEGER PRIMARY KEY NOT NULL");
		this.database.executeAll(JsonSchemaToSql.toSql(json));
		this.database.execute("INSERT INTO \"rows\" (v) VALUES ('x')");
		assertThat(this.database.query("SELECT n, rowid AS r FROM \"rows\"")).containsExactly(row("n", 1, "r", 1));
	}

	@Test
	void uniquePropertyAddsUniqueConstraint() throws SQLException {
		String json = """
				{"$id": "users", "properties": {
				  "id": {"type": "string", "x-dorm-primary-key": true},
				  "email": {"type": "string", "x-dorm-unique": true}}}""";
		this.database.executeAll(JsonSchemaToSql.toSql(json));
		assertThat(this.database
			.query("SELECT name, \"unique\", origin FROM pragma_index_list('users') " + "WHERE origin = 'u'"))
			.singleElement()
			.satisfies((index) -> {
				assertThat(index).containsEntry("unique", 1);
				assertThat(this.database.indexColumns((String) index.get("name"))).containsExactly("email");
			});
		this.database.execute("INSERT INTO users VALUES ('1', 'a@example.com')");
		assertThatExceptionOfType(SQLException.class)
			.isThrownBy(() -> this.database.execute("INSERT INTO users VALUES ('2', 'a@example.com')"))
			.withMessageContaining("UNIQUE constraint failed: users.email");
	}

	@Test
	void indexesFollowDeclarationOrder() throws SQLException {
		String json = """
				{"$id": "notes", "properties": {
				  "owner": {"type": "string", "x-dorm-index": true},
				  "folder": {"type": "string", "x-dorm-index": "notes_by_folder"},
				  "title": {"type": "string", "x-dorm-index": false},
				  "created": {"type": "integer"}},
				 "x-dorm-unique": [["owner", "title"], ["folder", "created", "title"]],
				 "x-dorm-indexes": [
				   {"columns": ["created", "owner"]},
				   {"name": "notes_latest", "columns": ["owner", "created"], "unique": true},
				   {"columns": ["title"], "unique": true}]}""";
		List<String> statements = JsonSchemaToSql.toSql(json);
		assertThat(statements.subList(1, statements.size())).containsExactly(
				"CREATE INDEX IF NOT EXISTS \"idx_notes_owner\" ON \"notes\" (\"owner\")",
				"CREATE INDEX IF NOT EXISTS \"notes_by_folder\" ON \"notes\" (\"folder\")",
				"CREATE UNIQUE INDEX IF NOT EXISTS \"uq_notes_owner_title\" ON \"notes\" (\"owner\", \"title\")",
				"CREATE UNIQUE INDEX IF NOT EXISTS \"uq_notes_folder_created_title\" ON \"notes\" "
						+ "(\"folder\", \"created\", \"title\")",
				"CREATE INDEX IF NOT EXISTS \"idx_notes_created_owner\" ON \"notes\" (\"created\", \"owner\")",
				"CREATE UNIQUE INDEX IF NOT EXISTS \"notes_latest\" ON \"notes\" (\"owner\", \"created\")",
				"CREATE UNIQUE INDEX IF NOT EXISTS \"uq_notes_title\" ON \"notes\" (\"title\")");
		assertThat(JsonSchemaToSql.toSql(json)).isEqualTo(statements);
		this.database.executeAll(statements);
		assertThat(this.database.indexList("notes")).containsExactly(index("idx_notes_created_owner", 0),
				index("idx_notes_owner", 0), index("notes_by_folder", 0), index("notes_latest", 1),
				index("uq_notes_folder_created_title", 1), index("uq_notes_owner_title", 1),
				index("uq_notes_title", 1));
		assertThat(this.database.indexColumns("uq_notes_folder_created_title")).containsExactly("folder", "created",
				"title");
		assertThat(this.database.indexColumns("notes_latest")).containsExactly("owner", "created");
		this.database.execute("INSERT INTO notes VALUES ('ann', 'inbox', 'a', 1)");
		assertThatExceptionOfType(SQLException.class)
			.isThrownBy(() -> this.database.execute("INSERT INTO notes VALUES ('ann', 'other', 'a', 2)"))
			.withMessageContaining("UNIQUE constraint failed");
	}

	@Test
	void foreignKeysCarryValidatedActions() throws SQLException {
		String json = """
				{"$id": "comments", "properties": {
				  "id": {"type": "integer", "x-dorm-primary-key": true},
				  "post": {"type": "integer",
				    "x-dorm-references": {"table": "posts", "column": "id", "onDelete": "cascade", "onUpdate": "no action"}},
				  "author": {"type": ["string", "null"],
				    "x-dorm-references": {"table": "users", "column": "name", "onDelete": "SET NULL", "onUpdate": "Restrict"}},
				  "reply_to": {"type": ["integer", "null"],
				    "x-dorm-references": {"table": "comments", "column": "id", "onDelete": "set default"}}},
				 "required": ["post"]}""";
		List<String> statements = JsonSchemaToSql.toSql(json);
		assertThat(statements.get(0)).contains(
				"FOREIGN KEY (\"post\") REFERENCES \"posts\" (\"id\") ON DELETE CASCADE ON UPDATE NO ACTION",
				"FOREIGN KEY (\"author\") REFERENCES \"users\" (\"name\") ON DELETE SET NULL ON UPDATE RESTRICT",
				"FOREIGN KEY (\"reply_to\") REFERENCES \"comments\" (\"id\") ON DELETE SET DEFAULT");

		this.database.execute("CREATE TABLE posts (id INTEGER PRIMARY KEY)");
		this.database.execute("CREATE TABLE users (name TEXT PRIMARY KEY)");
		this.database.executeAll(statements);
		assertThat(this.database.foreignKeys("comments")).containsExactly(
				Map.of("table", "users", "from", "author", "to", "name", "on_update", "RESTRICT", "on_delete",
						"SET NULL"),
				Map.of("table", "posts", "from", "post", "to", "id", "on_update", "NO ACTION", "on_delete", "CASCADE"),
				Map.of("table", "comments", "from", "reply_to", "to", "id", "on_update", "NO ACTION", "on_delete",
						"SET DEFAULT"));

		this.database.execute("INSERT INTO posts VALUES (1)");
		this.database.execute("INSERT INTO users VALUES ('ann')");
		this.database.execute("INSERT INTO comments VALUES (1, 1, 'ann', NULL), (2, 1, 'ann', 1)");
		assertThatExceptionOfType(SQLException.class)
			.isThrownBy(() -> this.database.execute("INSERT INTO comments VALUES (3, 99, NULL, NULL)"))
			.withMessageContaining("FOREIGN KEY constraint failed");
		this.database.execute("DELETE FROM users");
		assertThat(this.database.query("SELECT author FROM comments")).containsOnly(row("author", null));
		this.database.execute("DELETE FROM posts");
		assertThat(this.database.query("SELECT count(*) AS n FROM comments")).containsExactly(row("n", 0));
	}

	@Test
	void selfReferenceToUniqueColumnIsAccepted() throws SQLException {
		String json = """
				{"$id": "folders", "properties": {
				  "id": {"type": "integer", "x-dorm-auto-increment": true},
				  "path": {"type": "string", "x-dorm-unique": true},
				  "parent_path": {"type": ["string", "null"],
				    "x-dorm-references": {"table": "FOLDERS", "column": "path", "onDelete": "CASCADE"}}}}""";
		this.database.executeAll(JsonSchemaToSql.toSql(json));
		this.database.execute("INSERT INTO folders (path, parent_path) VALUES ('/', NULL), ('/a', '/')");
		this.database.execute("DELETE FROM folders WHERE path = '/'");
		assertThat(this.database.query("SELECT count(*) AS n FROM folders")).containsExactly(row("n", 0));
	}

	@Test
	void defaultsOfEachTypeAreStoredAsLiterals() throws SQLException {
		String json = """
				{"$id": "defaults", "properties": {
				  "id": {"type": "integer", "x-dorm-primary-key": true},
				  "i": {"type": "integer", "x-dorm-default": -42},
				  "big": {"type": "integer", "x-dorm-default": 9223372036854775807},
				  "whole": {"type": "integer", "x-dorm-default": 1.0e2},
				  "n": {"type": "number", "x-dorm-default": -1.5},
				  "huge": {"type": "number", "x-dorm-default": 1e300},
				  "t": {"type": "boolean", "x-dorm-default": true},
				  "f": {"type": "boolean", "x-dorm-default": false},
				  "s": {"type": "string", "x-dorm-default": "it's \\"fine\\""},
				  "empty": {"type": "string", "x-dorm-default": ""},
				  "o": {"type": "object", "x-dorm-default": {"k": ["v", 1, null, true], "q": "'"}},
				  "a": {"type": "array", "x-dorm-default": [1, "two"]},
				  "dt": {"type": "string", "format": "date-time", "x-dorm-default": "2024-01-31T12:00:00Z"},
				  "sql": {"type": "string", "x-dorm-default": "CURRENT_TIMESTAMP"},
				  "nothing": {"type": ["string", "null"], "x-dorm-default": null}}}""";
		this.database.executeAll(JsonSchemaToSql.toSql(json));
		Map<String, Object> defaults = new LinkedHashMap<>();
		for (Map<String, Object> column : this.database.tableInfo("defaults")) {
			defaults.put((String) column.get("name"), column.get("dflt_value"));
		}
		assertThat(defaults).containsExactly(entry("id", null), entry("i", "-42"), entry("big", "9223372036854775807"),
				entry("whole", "100"), entry("n", "-1.5"), entry("huge", "1.0E300"), entry("t", "1"), entry("f", "0"),
				entry("s", "'it''s \"fine\"'"), entry("empty", "''"),
				entry("o", "'{\"k\":[\"v\",1,null,true],\"q\":\"''\"}'"), entry("a", "'[1,\"two\"]'"),
				entry("dt", "'2024-01-31T12:00:00Z'"), entry("sql", "'CURRENT_TIMESTAMP'"), entry("nothing", "NULL"));
		this.database.execute("INSERT INTO defaults (id) VALUES (1)");
		assertThat(this.database.query("SELECT * FROM defaults").get(0)).containsExactly(entry("id", 1),
				entry("i", -42), entry("big", Long.MAX_VALUE), entry("whole", 100), entry("n", -1.5),
				entry("huge", 1e300), entry("t", 1), entry("f", 0), entry("s", "it's \"fine\""), entry("empty", ""),
				entry("o", "{\"k\":[\"v\",1,null,true],\"q\":\"'\"}"), entry("a", "[1,\"two\"]"),
				entry("dt", "2024-01-31T12:00:00Z"), entry("sql", "CURRENT_TIMESTAMP"), entry("nothing", null));
	}

	@Test
	void dateTimeDefaultsFollowRfc3339() {
		for (String value : List.of("2024-01-31T12:00:00Z", "2024-01-31t12:00:00.5z", "2024-01-31T12:00:00+02:00")) {
			assertThat(JsonSchemaToSql.toSql("{\"$id\": \"t\", \"properties\": {\"at\": {\"type\": \"string\", "
					+ "\"format\": \"date-time\", \"x-dorm-default\": \"" + value + "\"}}}"))
				.singleElement()
				.asString()
				.contains("DEFAULT '" + value + "'");
		}
		for (String value : List.of("2024-01-31", "2024-01-31T12:00:00", "2024-01-31 12:00:00Z", "now")) {
			assertThatExceptionOfType(InvalidSchemaException.class)
				.isThrownBy(() -> JsonSchemaToSql.toSql("{\"$id\": \"t\", \"properties\": {\"at\": {\"type\": "
						+ "\"string\", \"format\": \"date-time\", \"x-dorm-default\": \"" + value + "\"}}}"))
				.withMessageContaining("is not a date-time such as 2024-01-31T12:00:00Z");
		}
	}

	@Test
	void nullDefaultDiffersFromNoDefault() {
		TableSchema schema = JsonMapper.shared().readValue("""
				{"$id": "t", "properties": {"a": {"x-dorm-default": null}, "b": {}}}""", TableSchema.class);
		assertThat(schema.getProperties().get("a").getDefaultValue()).isEqualTo(NullNode.getInstance());
		assertThat(schema.getProperties().get("b").getDefaultValue()).isNull();
	}

	@Test
	void otherKeywordsAreKeptAndIgnored() {
		String json = """
				{"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": "docs", "title": "Docs",
				 "description": "d", "additionalProperties": false, "type": "object",
				 "properties": {"body": {"type": "string", "description": "the text", "pattern": "^a",
				   "examples": ["a"], "default": "ignored"}}}""";
		TableSchema schema = JsonMapper.shared().readValue(json, TableSchema.class);
		assertThat(schema.getOtherKeywords()).containsOnlyKeys("$schema", "title", "description",
				"additionalProperties");
		assertThat(schema.getProperties().get("body").getOtherKeywords()).containsOnlyKeys("description", "pattern",
				"examples", "default");
		assertThat(JsonSchemaToSql.toSql(json))
			.containsExactly("CREATE TABLE IF NOT EXISTS \"docs\" (\n  \"body\" TEXT\n)");
	}

	@Test
	void schemaSerializesBackToEquivalentJson() {
		TableSchema schema = JsonMapper.shared().readValue(ReadmeSchemas.TODOS, TableSchema.class);
		String written = JsonMapper.shared().writeValueAsString(schema);
		assertThat(JsonSchemaToSql.toSql(written)).isEqualTo(JsonSchemaToSql.toSql(ReadmeSchemas.TODOS));
		assertThat(JsonMapper.shared().readTree(written).get("properties").get("id").get("type").isString()).isTrue();
		assertThat(schema.getProperties().get("done").getDefaultValue()).isEqualTo(BooleanNode.FALSE);
	}

	private static Map<String, Object> column(String name, String type, int notNull, String defaultValue,
			int primaryKey) {
		Map<String, Object> column = new LinkedHashMap<>();
		column.put("name", name);
		column.put("type", type);
		column.put("notnull", notNull);
		column.put("dflt_value", defaultValue);
		column.put("pk", primaryKey);
		return column;
	}

	private static Map<String, Object> index(String name, int unique) {
		return Map.of("name", name, "unique", unique, "origin", "c");
	}

	private static Map<String, Object> row(Object... namesAndValues) {
		Map<String, Object> row = new LinkedHashMap<>();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			row.put((String) namesAndValues[i], namesAndValues[i + 1]);
		}
		return row;
	}

}
