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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Generates random schemas from a fixed seed, with names drawn from hostile alphabets and
 * random types and keywords, and checks that each one either raises
 * {@link InvalidSchemaException} or yields statements that SQLite runs.
 */
class RandomSchemaTests {

	private static final long SEED = 20240131L;

	private static final int SCHEMAS = 400;

	private static final String[] NAME_PARTS = { "a", "b", "Id", "_", " ", "\"", "'", ";", "--", "/*", "*/", "\n", "\t",
			"é", "ß", "名", "😀", "${", "}", "\\", "`", "[", "]", "%", "?", ":", "@", "sqlite_", "SQLITE_", "select",
			"ORDER", "group", "BEGIN", "END", "CASE", "x-dorm-", "\u0000", "\ud800" };

	private static final String[] VALID_TYPES = { "string", "integer", "number", "boolean", "object", "array" };

	private static final String[] INVALID_TYPES = { "null", "strnig", "Integer" };

	private static final String[] FORMATS = { "integer", "date", "date-time", "email" };

	private static final String[] ACTIONS = { "CASCADE", "set null", "SET DEFAULT", "restrict", "NO ACTION", "DROP" };

	private static final String[] PROPERTY_KEYWORDS = { "format", "enum", "minimum", "maximum", "exclusiveMinimum",
			"exclusiveMaximum", "minLength", "maxLength", "x-dorm-primary-key", "x-dorm-auto-increment",
			"x-dorm-unique", "x-dorm-index", "x-dorm-default", "x-dorm-references", "x-dorm-idx" };

	private static final JsonNodeFactory nodes = JsonNodeFactory.instance;

	@TempDir
	Path directory;

	private final Random random = new Random(SEED);

	@Test
	void randomSchemasAreRejectedOrRunInSqlite() throws SQLException {
		int valid = 0;
		Map<String, Integer> rejectionsByRule = new TreeMap<>();
		for (int i = 0; i < SCHEMAS; i++) {
			ObjectNode schema = randomSchema();
			String json = JsonMapper.shared().writeValueAsString(schema);
			List<String> statements;
			try {
				statements = JsonSchemaToSql.toSql(json);
			}
			catch (InvalidSchemaException ex) {
				assertThat(ex.getMessage()).as(json).contains("'" + ex.getRule() + "'");
				rejectionsByRule.merge(ex.getRule(), 1, Integer::sum);
				continue;
			}
			valid++;
			checkInSqlite(i, schema, statements, json);
		}
		assertThat(valid).as("schemas that SQLite ran, with rejections by rule %s", rejectionsByRule)
			.isGreaterThan(SCHEMAS / 4);
		assertThat(SCHEMAS - valid).as("schemas that were rejected").isGreaterThan(SCHEMAS / 4);
		assertThat(rejectionsByRule).as("rules that rejected a schema").hasSizeGreaterThan(15);
	}

	private void checkInSqlite(int number, ObjectNode schema, List<String> statements, String json)
			throws SQLException {
		String table = schema.get("$id").stringValue();
		try (SqliteFile database = new SqliteFile(this.directory.resolve("random-" + number + ".db"))) {
			try {
				database.executeAll(statements);
				database.executeAll(statements);
			}
			catch (SQLException ex) {
				fail("SQLite rejected %s generated from %s: %s", statements, json, ex.getMessage());
			}
			List<String> properties = new ArrayList<>(schema.get("properties").propertyNames());
			assertThat(database.columnNames(table)).as(json).containsExactlyElementsOf(properties);
			long createdIndexes = database.indexList(table)
				.stream()
				.filter((index) -> "c".equals(index.get("origin")))
				.count();
			assertThat(createdIndexes).as(json).isEqualTo(statements.size() - 1);
			checkDefaultsSatisfyConstraints(database, table, json);
		}
	}

	/**
	 * Insert a row of defaults, which must meet every constraint that a default alone can
	 * meet. The insert may fail on a NOT NULL column without default or on a foreign key
	 * to a missing row or table. It may also fail on a CHECK of the rowid alias, which
	 * SQLite fills with 1.
	 */
	private void checkDefaultsSatisfyConstraints(SqliteFile database, String table, String json) throws SQLException {
		try {
			database.execute("INSERT INTO " + SqliteFile.quote(table) + " DEFAULT VALUES");
		}
		catch (SQLException ex) {
			String message = String.valueOf(ex.getMessage());
			boolean rowidAlias = database.tableInfo(table)
				.stream()
				.filter((column) -> ((Integer) column.get("pk")) > 0)
				.map((column) -> column.get("type"))
				.toList()
				.equals(List.of("INTEGER"));
			boolean expected = message.contains("NOT NULL constraint failed")
					|| message.contains("FOREIGN KEY constraint failed") || message.contains("no such table")
					|| message.contains("foreign key mismatch")
					|| (rowidAlias && message.contains("CHECK constraint failed"));
			assertThat(expected).as("%s from %s", message, json).isTrue();
		}
	}

	private ObjectNode randomSchema() {
		ObjectNode schema = nodes.objectNode();
		String table = (chance(0.9)) ? "t " + randomName() : randomName();
		schema.put("$id", table);

		ObjectNode properties = schema.putObject("properties");
		int count = this.random.nextInt(7) + ((chance(0.97)) ? 1 : 0);
		List<String> names = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			String name = randomName();
			names.add(name);
			properties.set(name, randomProperty(table, names));
		}

		if (chance(0.5) && !names.isEmpty()) {
			ArrayNode required = schema.putArray("required");
			for (String name : names) {
				if (chance(0.5)) {
					required.add(name);
				}
			}
			if (chance(0.05)) {
				required.add(randomName());
			}
		}

		if (chance(0.1)) {
			schema.set("x-dorm-primary-key", randomColumns(names));
		}
		if (chance(0.1)) {
			schema.putArray("x-dorm-unique").add(randomColumns(names));
		}
		if (chance(0.1)) {
			ObjectNode index = schema.putArray("x-dorm-indexes").addObject();
			index.set("columns", randomColumns(names));
			if (chance(0.5)) {
				index.put("name", randomName());
			}
			if (chance(0.5)) {
				index.put("unique", this.random.nextBoolean());
			}
		}
		return schema;
	}

	private ObjectNode randomProperty(String table, List<String> names) {
		ObjectNode property = nodes.objectNode();
		String type = chance(0.98) ? pick(VALID_TYPES) : pick(INVALID_TYPES);
		double typeChoice = this.random.nextDouble();
		if (typeChoice < 0.55) {
			property.put("type", type);
		}
		else if (typeChoice < 0.8) {
			property.putArray("type").add(type).add("null");
		}
		else if (typeChoice < 0.81) {
			property.putArray("type").add(type).add(pick(VALID_TYPES));
		}
		for (String keyword : PROPERTY_KEYWORDS) {
			if (chance(probability(keyword, type))) {
				property.set(keyword, randomKeywordValue(keyword, type, table, names));
			}
		}
		return property;
	}

	/**
	 * Return how often a keyword appears on a property of a type: often where it applies,
	 * rarely where it makes the schema invalid.
	 */
	private static double probability(String keyword, String type) {
		boolean numeric = type.equals("integer") || type.equals("number");
		return switch (keyword) {
			case "x-dorm-default" -> 0.2;
			case "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum" -> numeric ? 0.1 : 0.01;
			case "minLength", "maxLength" -> type.equals("string") ? 0.2 : 0.01;
			case "x-dorm-auto-increment" -> type.equals("integer") ? 0.05 : 0.01;
			case "x-dorm-idx" -> 0.01;
			case "format", "enum" -> 0.05;
			default -> 0.08;
		};
	}

	private JsonNode randomKeywordValue(String keyword, String type, String table, List<String> names) {
		switch (keyword) {
			case "format":
				return nodes.stringNode(pick(FORMATS));
			case "enum":
				ArrayNode values = nodes.arrayNode();
				int count = chance(0.02) ? 0 : this.random.nextInt(3) + 1;
				for (int i = 0; i < count; i++) {
					values.add(randomValue(type));
				}
				return values;
			case "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum":
				return randomNumber();
			case "minLength", "maxLength":
				return nodes.numberNode(this.random.nextInt(12) - 1);
			case "x-dorm-primary-key", "x-dorm-auto-increment", "x-dorm-unique":
				return nodes.booleanNode(chance(0.8));
			case "x-dorm-index":
				return chance(0.6) ? nodes.booleanNode(chance(0.8)) : nodes.stringNode(randomName());
			case "x-dorm-references":
				ObjectNode references = nodes.objectNode();
				references.put("table", chance(0.5) ? table : randomName());
				references.put("column", (chance(0.7) && !names.isEmpty()) ? pickName(names) : randomName());
				if (chance(0.5)) {
					references.put("onDelete", pick(ACTIONS));
				}
				if (chance(0.3)) {
					references.put("onUpdate", pick(ACTIONS));
				}
				return references;
			default:
				return randomValue(type);
		}
	}

	/**
	 * Return a value of a JSON type most of the time, and of a random type otherwise.
	 */
	private JsonNode randomValue(String type) {
		if (chance(0.1)) {
			return randomValue();
		}
		return switch (type) {
			case "string" -> chance(0.5) ? nodes.stringNode(randomName()) : nodes.stringNode("");
			case "integer" -> nodes.numberNode(this.random.nextInt(40) - 20);
			case "number" -> randomNumber();
			case "boolean" -> nodes.booleanNode(this.random.nextBoolean());
			case "object" -> nodes.objectNode().put(randomName(), randomName());
			case "array" -> nodes.arrayNode().add(this.random.nextInt(10)).add(randomName());
			default -> randomValue();
		};
	}

	private JsonNode randomValue() {
		return switch (this.random.nextInt(8)) {
			case 0 -> nodes.stringNode(randomName());
			case 1 -> nodes.numberNode(this.random.nextInt(200) - 100);
			case 2 -> randomNumber();
			case 3 -> nodes.booleanNode(this.random.nextBoolean());
			case 4 -> nodes.nullNode();
			case 5 -> nodes.objectNode().put(randomName(), randomName());
			case 6 -> nodes.arrayNode().add(this.random.nextInt(10)).add(randomName());
			default -> nodes.stringNode("");
		};
	}

	private JsonNode randomNumber() {
		int choice = this.random.nextInt(20);
		if (choice == 0) {
			return nodes.numberNode(Long.MAX_VALUE);
		}
		if (choice == 1) {
			return nodes.numberNode(new BigDecimal("1e400"));
		}
		if (choice < 8) {
			return nodes.numberNode(new BigDecimal(this.random.nextInt(2000) - 1000).movePointLeft(2));
		}
		return nodes.numberNode(this.random.nextInt(40) - 20);
	}

	private ArrayNode randomColumns(List<String> names) {
		ArrayNode columns = nodes.arrayNode();
		int count = this.random.nextInt(3) + 1;
		for (int i = 0; i < count; i++) {
			columns.add((chance(0.9) && !names.isEmpty()) ? pickName(names) : randomName());
		}
		return columns;
	}

	private String randomName() {
		StringBuilder name = new StringBuilder();
		int parts = (chance(0.02)) ? 0 : this.random.nextInt(4) + 1;
		for (int i = 0; i < parts; i++) {
			String part = pick(NAME_PARTS);
			if ((part.equals("\u0000") || part.equals("\ud800")) && chance(0.95)) {
				part = "n";
			}
			name.append(part);
		}
		return name.toString();
	}

	private String pickName(List<String> names) {
		return names.get(this.random.nextInt(names.size()));
	}

	private String pick(String[] values) {
		return values[this.random.nextInt(values.length)];
	}

	private boolean chance(double probability) {
		return this.random.nextDouble() < probability;
	}

}
