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

import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Tests that invalid schemas raise {@link InvalidSchemaException} naming the property and
 * the rule.
 */
class InvalidSchemaTests {

	@ParameterizedTest(name = "{0}")
	@MethodSource("invalidSchemas")
	void invalidSchemaNamesPropertyAndRule(String description, String json, String property, String rule,
			String detail) {
		assertThatExceptionOfType(InvalidSchemaException.class).isThrownBy(() -> JsonSchemaToSql.toSql(json))
			.satisfies((ex) -> {
				assertThat(ex.getProperty()).isEqualTo(property);
				assertThat(ex.getRule()).isEqualTo(rule);
				assertThat(ex.getMessage()).contains("'" + rule + "'");
				assertThat(ex.getMessage()).contains(detail);
				if (property != null) {
					assertThat(ex.getMessage()).contains("property " + Names.describe(property));
				}
			});
	}

	static Stream<Arguments> invalidSchemas() {
		return Stream.of(
				// Table name
				arguments("missing $id", "{\"properties\": {\"a\": {}}}", null, "$id", "the table name is missing"),
				arguments("empty $id", "{\"$id\": \"\", \"properties\": {\"a\": {}}}", null, "$id", "empty"),
				arguments("$id with NUL", "{\"$id\": \"a\\u0000b\", \"properties\": {\"a\": {}}}", null, "$id",
						"U+0000"),
				arguments("$id with unpaired surrogate", "{\"$id\": \"a\\ud800\", \"properties\": {\"a\": {}}}", null,
						"$id", "unpaired surrogate U+D800"),
				arguments("reserved $id", "{\"$id\": \"SQLite_master\", \"properties\": {\"a\": {}}}", null, "$id",
						"reserves names that start with 'sqlite_'"),
				arguments("table type not object", "{\"$id\": \"t\", \"type\": \"array\", \"properties\": {\"a\": {}}}",
						null, "type", "its type is \"object\""),
				// Properties
				arguments("missing properties", "{\"$id\": \"t\"}", null, "properties", "no properties"),
				arguments("empty properties", "{\"$id\": \"t\", \"properties\": {}}", null, "properties",
						"no properties"),
				arguments("empty property name", "{\"$id\": \"t\", \"properties\": {\"\": {}}}", "", "properties",
						"the property name is empty"),
				arguments("property name with NUL", "{\"$id\": \"t\", \"properties\": {\"a\\u0000\": {}}}", "a\u0000",
						"properties", "U+0000"),
				arguments("names differing in case", "{\"$id\": \"t\", \"properties\": {\"Name\": {}, \"nAME\": {}}}",
						"nAME", "properties", "differs from property 'Name' only in letter case"),
				arguments("null property schema", "{\"$id\": \"t\", \"properties\": {\"a\": null}}", "a", "properties",
						"the property schema is null"),
				arguments("boolean property schema", "{\"$id\": \"t\", \"properties\": {\"a\": true}}", "a",
						"properties", "use an object"),
				// Types
				arguments("unknown type", "{\"$id\": \"t\", \"properties\": {\"a\": {\"type\": \"strnig\"}}}", "a",
						"type", "did you mean \"string\"?"),
				arguments("two types",
						"{\"$id\": \"t\", \"properties\": {\"a\": {\"type\": [\"string\", \"integer\"]}}}", "a", "type",
						"names both \"string\" and \"integer\""),
				arguments("only null type", "{\"$id\": \"t\", \"properties\": {\"a\": {\"type\": [\"null\"]}}}", "a",
						"type", "names only \"null\""),
				arguments("empty type array", "{\"$id\": \"t\", \"properties\": {\"a\": {\"type\": []}}}", "a", "type",
						"empty"),
				arguments("type of wrong JSON type", "{\"$id\": \"t\", \"properties\": {\"a\": {\"type\": {}}}}", "a",
						"type", "use a type name"),
				arguments("integer format on boolean",
						"{\"$id\": \"t\", \"properties\": {\"a\": {\"type\": \"boolean\", \"format\": \"integer\"}}}",
						"a", "format", "does not apply to a boolean column"),
				// Defaults
				arguments("string default for integer",
						"{\"$id\": \"t\", \"properties\": {\"a\": {\"type\": \"integer\", \"x-dorm-default\": \"5\"}}}",
						"a", "x-dorm-default", "the default '5' is not an integer"),
				arguments("fractional default for integer",
						"{\"$id\": \"t\", \"properties\": {\"a\": {\"type\": \"integer\", \"x-dorm-default\": 1.5}}}",
						"a", "x-dorm-default", "not a whole number"),
				arguments("default beyond 64 bits",
						"{\"$id\": \"t\", \"properties\": {\"a\": {\"type\": \"integer\", "
								+ "\"x-dorm-default\": 9223372036854775808}}}",
						"a", "x-dorm-default", "64-bit integer range"),
				arguments("default beyond double range",
						"{\"$id\": \"t\", \"properties\": {\"a\": {\"type\": \"number\", \"x-dorm-default\": 1e400}}}",
						"a", "x-dorm-default", "beyond the range of a double"),
				arguments("number default for string",
						"{\"$id\": \"t\", \"properties\": {\"a\": {\"type\": \"string\", \"x-dorm-default\": 5}}}", "a",
						"x-dorm-default", "is not a string"),
				arguments("string default for boolean",
						"{\"$id\": \"t\", \"properties\": {\"a\": {\"type\": \"boolean\", \"x-dorm-default\": \"true\"}}}",
						"a", "x-dorm-default", "is not true or false"),
				arguments("object default for array",
						"{\"$id\": \"t\", \"properties\": {\"a\": {\"type\": \"array\", \"x-dorm-default\": {}}}}", "a",
						"x-dorm-default", "is not a JSON array"),
				arguments("default with NUL",
						"{\"$id\": \"t\", \"properties\": {\"a\": {\"type\": \"string\", \"x-dorm-default\": \"a\\u0000\"}}}",
						"a", "x-dorm-default", "U+0000"),
				arguments("default outside enum",
						"{\"$id\": \"t\", \"properties\": {\"a\": {\"type\": \"string\", \"enum\": [\"x\", \"y\"], "
								+ "\"x-dorm-default\": \"z\"}}}",
						"a", "x-dorm-default", "is not one of the 'enum' values"),
				arguments("default below minimum",
						"{\"$id\": \"t\", \"properties\": {\"a\": {\"type\": \"integer\", \"minimum\": 1, "
								+ "\"x-dorm-default\": 0}}}",
						"a", "x-dorm-default", "breaks 'minimum' 1"),
				arguments("default above maximum",
						"{\"$id\": \"t\", \"properties\": {\"a\": {\"type\": \"number\", \"maximum\": 1, "
								+ "\"x-dorm-default\": 1.01}}}",
						"a", "x-dorm-default", "breaks 'maximum' 1"),
				arguments("default at exclusive minimum",
						"{\"$id\": \"t\", \"properties\": {\"a\": {\"type\": \"number\", \"exclusiveMinimum\": 0, "
								+ "\"x-dorm-default\": 0}}}",
						"a", "x-dorm-default", "breaks 'exclusiveMinimum' 0"),
				arguments("default too short",
						"{\"$id\": \"t\", \"properties\": {\"a\": {\"type\": \"string\", \"minLength\": 2, "
								+ "\"x-dorm-default\": \"😀\"}}}",
						"a", "x-dorm-default", "has 1 characters, fewer than 'minLength' 2"),
				arguments("default too long",
						"{\"$id\": \"t\", \"properties\": {\"a\": {\"type\": \"string\", \"maxLength\": 2, "
								+ "\"x-dorm-default\": \"abc\"}}}",
						"a", "x-dorm-default", "more than 'maxLength' 2"),
				arguments("null default on required column",
						"{\"$id\": \"t\", \"properties\": {\"a\": {\"x-dorm-default\": null}}, \"required\": [\"a\"]}",
						"a", "x-dorm-default", "the column is NOT NULL"),
				arguments("SQL expression as date-time default",
						"{\"$id\": \"t\", \"properties\": {\"a\": {\"type\": \"string\", \"format\": \"date-time\", "
								+ "\"x-dorm-default\": \"CURRENT_TIMESTAMP\"}}}",
						"a", "x-dorm-default", "never an SQL expression such as CURRENT_TIMESTAMP"),
				arguments("invalid date default",
						"{\"$id\": \"t\", \"properties\": {\"a\": {\"type\": \"string\", \"format\": \"date\", "
								+ "\"x-dorm-default\": \"2024-02-30\"}}}",
						"a", "x-dorm-default", "is not a date such as 2024-01-31"),
				// Primary keys and auto-increment
				arguments("two auto-increment columns",
						"{\"$id\": \"t\", \"properties\": {\"a\": {\"type\": \"integer\", \"x-dorm-auto-increment\": true}, "
								+ "\"b\": {\"type\": \"integer\", \"x-dorm-auto-increment\": true}}}",
						"b", "x-dorm-auto-increment", "a table has at most one"),
				arguments("auto-increment on text",
						"{\"$id\": \"t\", \"properties\": {\"a\": {\"type\": \"string\", \"x-dorm-auto-increment\": true}}}",
						"a", "x-dorm-auto-increment", "only on an INTEGER column"),
				arguments("auto-increment with composite key",
						"{\"$id\": \"t\", \"properties\": {\"a\": {\"type\": \"integer\", \"x-dorm-auto-increment\": true, "
								+ "\"x-dorm-primary-key\": true}, \"b\": {\"x-dorm-primary-key\": true}}}",
						"a", "x-dorm-auto-increment", "the primary key is composite (\"a\", \"b\")"),
				arguments("auto-increment beside another key",
						"{\"$id\": \"t\", \"properties\": {\"a\": {\"type\": \"integer\", \"x-dorm-auto-increment\": true}, "
								+ "\"b\": {\"x-dorm-primary-key\": true}}}",
						"a", "x-dorm-auto-increment", "the primary key is 'b'"),
				arguments("auto-increment turned off as key",
						"{\"$id\": \"t\", \"properties\": {\"a\": {\"type\": \"integer\", \"x-dorm-auto-increment\": true, "
								+ "\"x-dorm-primary-key\": false}}}",
						"a", "x-dorm-auto-increment", "'x-dorm-primary-key' is false"),
				arguments("auto-increment with default",
						"{\"$id\": \"t\", \"properties\": {\"a\": {\"type\": \"integer\", \"x-dorm-auto-increment\": true, "
								+ "\"x-dorm-default\": 1}}}",
						"a", "x-dorm-default", "takes its values from SQLite"),
				arguments("nullable primary key",
						"{\"$id\": \"t\", \"properties\": {\"a\": {\"type\": [\"string\", \"null\"], "
								+ "\"x-dorm-primary-key\": true}}}",
						"a", "x-dorm-primary-key", "cannot hold NULL"),
				arguments("key at both levels",
						"{\"$id\": \"t\", \"properties\": {\"a\": {\"x-dorm-primary-key\": true}, \"b\": {}}, "
								+ "\"x-dorm-primary-key\": [\"a\", \"b\"]}",
						"a", "x-dorm-primary-key", "declared both on this property and at table level"),
				arguments("table key names unknown property",
						"{\"$id\": \"t\", \"properties\": {\"id\": {}}, \"x-dorm-primary-key\": [\"ID\"]}", "ID",
						"x-dorm-primary-key",
						"not a property (names are case-sensitive here, and the property is 'id')"),
				arguments("table key names column twice",
						"{\"$id\": \"t\", \"properties\": {\"a\": {}}, \"x-dorm-primary-key\": [\"a\", \"a\"]}", "a",
						"x-dorm-primary-key", "names 'a' twice"),
				arguments("empty table key",
						"{\"$id\": \"t\", \"properties\": {\"a\": {}}, \"x-dorm-primary-key\": []}", null,
						"x-dorm-primary-key", "a column list is empty"),
				arguments("property key of wrong JSON type",
						"{\"$id\": \"t\", \"properties\": {\"a\": {\"x-dorm-primary-key\": \"yes\"}}}", "a",
						"x-dorm-primary-key", "use true or false"),
				// Foreign keys
				arguments("self reference to missing column",
						"{\"$id\": \"t\", \"properties\": {\"a\": {\"x-dorm-references\": "
								+ "{\"table\": \"T\", \"column\": \"missing\"}}}}",
						"a", "x-dorm-references", "which has no such property"),
				arguments("self reference to column that is not unique",
						"{\"$id\": \"t\", \"properties\": {\"id\": {}, \"a\": {\"x-dorm-references\": "
								+ "{\"table\": \"t\", \"column\": \"id\"}}}}",
						"a", "x-dorm-references", "add 'x-dorm-unique': true to property 'id'"),
				arguments("unknown action",
						"{\"$id\": \"t\", \"properties\": {\"a\": {\"x-dorm-references\": "
								+ "{\"table\": \"u\", \"column\": \"id\", \"onDelete\": \"DELETE\"}}}}",
						"a", "x-dorm-references", "'onDelete' is 'DELETE', which is not an SQLite foreign key action"),
				arguments("action with extra words",
						"{\"$id\": \"t\", \"properties\": {\"a\": {\"x-dorm-references\": "
								+ "{\"table\": \"u\", \"column\": \"id\", \"onUpdate\": \"CASCADE; DROP TABLE u\"}}}}",
						"a", "x-dorm-references", "not an SQLite foreign key action"),
				arguments("misspelled reference key",
						"{\"$id\": \"t\", \"properties\": {\"a\": {\"x-dorm-references\": "
								+ "{\"table\": \"u\", \"column\": \"id\", \"ondelete\": \"CASCADE\"}}}}",
						"a", "x-dorm-references", "did you mean 'onDelete'?"),
				arguments("missing referenced table",
						"{\"$id\": \"t\", \"properties\": {\"a\": {\"x-dorm-references\": {\"column\": \"id\"}}}}", "a",
						"x-dorm-references", "the referenced table is missing"),
				arguments("missing referenced column",
						"{\"$id\": \"t\", \"properties\": {\"a\": {\"x-dorm-references\": {\"table\": \"u\"}}}}", "a",
						"x-dorm-references", "the referenced column is missing"),
				arguments("set null on required column",
						"{\"$id\": \"t\", \"properties\": {\"a\": {\"x-dorm-references\": "
								+ "{\"table\": \"u\", \"column\": \"id\", \"onDelete\": \"SET NULL\"}}}, \"required\": [\"a\"]}",
						"a", "x-dorm-references", "'onDelete' is SET NULL, but the column is NOT NULL"),
				arguments("set default without default",
						"{\"$id\": \"t\", \"properties\": {\"a\": {\"x-dorm-references\": "
								+ "{\"table\": \"u\", \"column\": \"id\", \"onUpdate\": \"SET DEFAULT\"}}}, \"required\": [\"a\"]}",
						"a", "x-dorm-references", "so the default is NULL"),
				arguments("references of wrong JSON type",
						"{\"$id\": \"t\", \"properties\": {\"a\": {\"x-dorm-references\": \"u.id\"}}}", "a",
						"x-dorm-references", "use an object of strings"),
				// Unknown keywords
				arguments("misspelled property keyword",
						"{\"$id\": \"t\", \"properties\": {\"a\": {\"x-dorm-indx\": true}}}", "a", "x-dorm-indx",
						"did you mean 'x-dorm-index'?"),
				arguments("property keyword in other case",
						"{\"$id\": \"t\", \"properties\": {\"a\": {\"X-DORM-UNIQUE\": true}}}", "a", "X-DORM-UNIQUE",
						"did you mean 'x-dorm-unique'?"),
				arguments("underscore property keyword",
						"{\"$id\": \"t\", \"properties\": {\"a\": {\"x_dorm_default\": 1}}}", "a", "x_dorm_default",
						"did you mean 'x-dorm-default'?"),
				arguments("property keyword at table level",
						"{\"$id\": \"t\", \"properties\": {\"a\": {}}, \"x-dorm-index\": [\"a\"]}", null,
						"x-dorm-index", "did you mean 'x-dorm-indexes'?"),
				arguments("unknown table keyword",
						"{\"$id\": \"t\", \"properties\": {\"a\": {}}, \"x-dorm-strict\": true}", null, "x-dorm-strict",
						"unknown keyword 'x-dorm-strict' at table level"),
				// Bounds and lengths
				arguments("minimum above maximum",
						"{\"$id\": \"t\", \"properties\": {\"a\": {\"type\": \"integer\", \"minimum\": 10, \"maximum\": 5}}}",
						"a", "minimum", "'minimum' 10 is above 'maximum' 5, so no value fits"),
				arguments("exclusive bounds leave nothing",
						"{\"$id\": \"t\", \"properties\": {\"a\": {\"type\": \"number\", \"exclusiveMinimum\": 1, "
								+ "\"exclusiveMaximum\": 1}}}",
						"a", "exclusiveMinimum", "'exclusiveMinimum' 1 is not below 'exclusiveMaximum' 1"),
				arguments("minimum at exclusive maximum",
						"{\"$id\": \"t\", \"properties\": {\"a\": {\"type\": \"number\", \"minimum\": 1, "
								+ "\"exclusiveMaximum\": 1}}}",
						"a", "minimum", "'minimum' 1 is not below 'exclusiveMaximum' 1"),
				arguments("minimum beyond double range",
						"{\"$id\": \"t\", \"properties\": {\"a\": {\"type\": \"number\", \"minimum\": -1e309}}}", "a",
						"minimum", "beyond the range of a double"),
				arguments("minimum on string",
						"{\"$id\": \"t\", \"properties\": {\"a\": {\"type\": \"string\", \"minimum\": 1}}}", "a",
						"minimum", "applies to integer and number columns"),
				arguments("minimum of wrong JSON type",
						"{\"$id\": \"t\", \"properties\": {\"a\": {\"type\": \"integer\", \"minimum\": \"1\"}}}", "a",
						"minimum", "use a number"),
				arguments("minLength above maxLength",
						"{\"$id\": \"t\", \"properties\": {\"a\": {\"minLength\": 5, \"maxLength\": 4}}}", "a",
						"minLength", "'minLength' 5 is greater than 'maxLength' 4"),
				arguments("negative minLength", "{\"$id\": \"t\", \"properties\": {\"a\": {\"minLength\": -1}}}", "a",
						"minLength", "negative"),
				arguments("negative maxLength", "{\"$id\": \"t\", \"properties\": {\"a\": {\"maxLength\": -3}}}", "a",
						"maxLength", "negative"),
				arguments("fractional maxLength", "{\"$id\": \"t\", \"properties\": {\"a\": {\"maxLength\": 2.5}}}",
						"a", "maxLength", "use a whole number"),
				arguments("maxLength on integer",
						"{\"$id\": \"t\", \"properties\": {\"a\": {\"type\": \"integer\", \"maxLength\": 3}}}", "a",
						"maxLength", "applies to string columns"),
				// Enums
				arguments("empty enum", "{\"$id\": \"t\", \"properties\": {\"a\": {\"enum\": []}}}", "a", "enum",
						"no value could be stored"),
				arguments("enum member of other type",
						"{\"$id\": \"t\", \"properties\": {\"a\": {\"type\": \"integer\", \"enum\": [1, \"2\"]}}}", "a",
						"enum", "the value '2' is not an integer"),
				arguments("enum with null on required column",
						"{\"$id\": \"t\", \"properties\": {\"a\": {\"enum\": [\"x\", null]}}, \"required\": [\"a\"]}",
						"a", "enum", "it lists null, but the column is NOT NULL"),
				arguments("enum on object column",
						"{\"$id\": \"t\", \"properties\": {\"a\": {\"type\": \"object\", \"enum\": [{}]}}}", "a",
						"enum", "not supported on object columns"),
				// Indexes
				arguments("index value of wrong JSON type",
						"{\"$id\": \"t\", \"properties\": {\"a\": {\"x-dorm-index\": 1}}}", "a", "x-dorm-index",
						"is neither a boolean nor a name"),
				arguments("empty index name", "{\"$id\": \"t\", \"properties\": {\"a\": {\"x-dorm-index\": \"\"}}}",
						"a", "x-dorm-index", "the index name is empty"),
				arguments("reserved index name",
						"{\"$id\": \"t\", \"properties\": {\"a\": {\"x-dorm-index\": \"sqlite_autoindex_t_1\"}}}", "a",
						"x-dorm-index", "which SQLite reserves for its own indexes"),
				arguments("duplicate index names",
						"{\"$id\": \"t\", \"properties\": {\"a\": {\"x-dorm-index\": \"by_x\"}, "
								+ "\"b\": {\"x-dorm-index\": \"BY_X\"}}}",
						"b", "x-dorm-index", "two indexes are named 'BY_X'"),
				arguments("generated index names collide",
						"{\"$id\": \"t\", \"properties\": {\"a_b\": {\"x-dorm-index\": true}, \"a\": {}, \"b\": {}}, "
								+ "\"x-dorm-indexes\": [{\"columns\": [\"a\", \"b\"]}]}",
						null, "x-dorm-indexes", "two indexes are named 'idx_t_a_b'"),
				arguments("index named like table",
						"{\"$id\": \"notes\", \"properties\": {\"a\": {\"x-dorm-index\": \"Notes\"}}}", "a",
						"x-dorm-index", "is the table name"),
				arguments("unique group names unknown property",
						"{\"$id\": \"t\", \"properties\": {\"a\": {}}, \"x-dorm-unique\": [[\"a\", \"b\"]]}", "b",
						"x-dorm-unique", "'b', which is not a property"),
				arguments("empty unique group",
						"{\"$id\": \"t\", \"properties\": {\"a\": {}}, \"x-dorm-unique\": [[]]}", null, "x-dorm-unique",
						"a column list is empty"),
				arguments("unique group of wrong JSON type",
						"{\"$id\": \"t\", \"properties\": {\"a\": {}}, \"x-dorm-unique\": [\"a\"]}", null,
						"x-dorm-unique", "use an array of arrays of property names"),
				arguments("misspelled index key",
						"{\"$id\": \"t\", \"properties\": {\"a\": {}}, \"x-dorm-indexes\": [{\"column\": [\"a\"]}]}",
						null, "x-dorm-indexes", "did you mean 'columns'?"),
				arguments("null index entry",
						"{\"$id\": \"t\", \"properties\": {\"a\": {}}, \"x-dorm-indexes\": [null]}", null,
						"x-dorm-indexes", "an entry is null"),
				// Required
				arguments("required names unknown property",
						"{\"$id\": \"t\", \"properties\": {\"a\": {}}, \"required\": [\"nope\"]}", "nope", "required",
						"'nope', which is not a property"),
				arguments("required of wrong JSON type",
						"{\"$id\": \"t\", \"properties\": {\"a\": {}}, \"required\": \"a\"}", null, "required",
						"use an array of property names"),
				// JSON text
				arguments("JSON syntax error", "{\"$id\": \"t\", \"properties\": {\"a\": {}}", null, "json",
						"not a valid JSON object"),
				arguments("duplicate JSON key", "{\"$id\": \"t\", \"properties\": {\"a\": {}, \"a\": {}}}", null,
						"json", "Duplicate Object property \"a\""),
				arguments("trailing text", "{\"$id\": \"t\", \"properties\": {\"a\": {}}} {}", null, "json",
						"not a valid JSON object"),
				arguments("JSON array", "[{\"$id\": \"t\"}]", null, "json", "the schema is a JSON array"),
				arguments("empty text", "  ", null, "json", "the schema is empty"));
	}

	@Test
	void messageStatesProblemAndFix() {
		assertThatExceptionOfType(InvalidSchemaException.class).isThrownBy(() -> JsonSchemaToSql.toSql("""
				{"$id": "todos", "properties": {"priority": {"type": "integer", "minimum": 10, "maximum": 5}}}"""))
			.withMessage("Invalid 'minimum' of property 'priority' in the JSON schema of table 'todos': "
					+ "'minimum' 10 is above 'maximum' 5, so no value fits; lower 'minimum' or raise 'maximum'");
	}

	@Test
	void messageEscapesControlCharactersAndCutsLongNames() {
		String name = "line\nbreak" + "x".repeat(200);
		ObjectNode schema = JsonMapper.shared().createObjectNode().put("$id", "t");
		schema.putObject("properties").putObject(name).put("type", "strnig");
		assertThatExceptionOfType(InvalidSchemaException.class).isThrownBy(() -> JsonSchemaToSql.toSql(schema))
			.satisfies((ex) -> {
				assertThat(ex.getProperty()).isEqualTo(name);
				assertThat(ex.getMessage()).contains("property 'line\\u000Abreak" + "x".repeat(70) + "...'");
				assertThat(ex.getMessage()).doesNotContain("\n");
			});
	}

	@Test
	void tableWithTooManyColumnsIsRejected() {
		ObjectNode schema = JsonMapper.shared().createObjectNode().put("$id", "wide");
		ObjectNode properties = schema.putObject("properties");
		for (int i = 0; i < TableCompiler.MAX_COLUMNS; i++) {
			properties.putObject("c" + i);
		}
		assertThat(JsonSchemaToSql.toSql(schema)).hasSize(1);
		properties.putObject("one too many");
		assertThatExceptionOfType(InvalidSchemaException.class).isThrownBy(() -> JsonSchemaToSql.toSql(schema))
			.satisfies((ex) -> {
				assertThat(ex.getProperty()).isNull();
				assertThat(ex.getRule()).isEqualTo("properties");
				assertThat(ex.getMessage()).contains("2001 properties, but SQLite allows 2000 columns by default");
			});
	}

	@Test
	void schemaBuiltInCodeIsCheckedLikeJson() {
		TableSchema schema = new TableSchema();
		schema.setId("t");
		assertThatExceptionOfType(InvalidSchemaException.class).isThrownBy(() -> JsonSchemaToSql.toSql(schema))
			.satisfies((ex) -> assertThat(ex.getRule()).isEqualTo("properties"));
		Map<String, PropertySchema> properties = new HashMap<>();
		properties.put(null, new PropertySchema());
		schema.setProperties(properties);
		assertThatExceptionOfType(InvalidSchemaException.class).isThrownBy(() -> JsonSchemaToSql.toSql(schema))
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("a property name is null"));
	}

}
