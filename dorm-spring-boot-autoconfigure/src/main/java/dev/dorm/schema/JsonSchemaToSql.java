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

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns the JSON Schema description of one table, in the form DORM reads, into SQLite
 * statements: {@code CREATE TABLE IF NOT EXISTS} followed by one
 * {@code CREATE INDEX IF NOT EXISTS} or {@code CREATE UNIQUE INDEX IF NOT EXISTS} per
 * index.
 * <p>
 * Columns follow the order of {@code properties}. Their SQLite types are:
 * <ul>
 * <li>{@code integer}, or {@code "format": "integer"} on a string or number:
 * {@code INTEGER}</li>
 * <li>{@code number}: {@code REAL}</li>
 * <li>{@code boolean}: {@code INTEGER} with {@code CHECK (col IN (0, 1))}</li>
 * <li>{@code object} and {@code array}: {@code TEXT} with a {@code CHECK} that the value
 * is valid JSON of that type</li>
 * <li>{@code string}, including formats {@code date} and {@code date-time}, and a
 * property without a type: {@code TEXT}</li>
 * </ul>
 * <p>
 * <strong>Nullability:</strong> a column whose {@code type} includes {@code "null"}, such
 * as {@code ["string", "null"]}, is nullable. Otherwise a column is {@code NOT NULL} if
 * its property is listed in {@code required} or is part of the primary key, and nullable
 * if not. A {@code CHECK} constraint never rejects NULL, so nullable columns accept it.
 * <p>
 * The indexes come in this order: {@code x-dorm-index} of each property in column order,
 * then the table-level {@code x-dorm-unique} groups, then {@code x-dorm-indexes}, each in
 * document order.
 * <p>
 * Every name is written as a double-quoted identifier and every text as a single-quoted
 * literal, with the quote characters doubled, so names and defaults may contain quotes,
 * semicolons, comment markers, reserved words or any Unicode text. What SQLite cannot
 * hold, or would read ambiguously, raises {@link InvalidSchemaException}: for example an
 * empty name, a NUL character, a table or index name that starts with {@code sqlite_},
 * two property names that differ only in ASCII case, or a default that does not match its
 * column.
 * <p>
 * A foreign key to another table is written without checking that table, which this class
 * does not see, and SQLite does not check it either until a row is written with
 * {@code PRAGMA foreign_keys = ON}. A foreign key to the same table is checked: the
 * referenced column must exist and be the primary key or unique. Index names share one
 * namespace across the whole database, so an index of another table with the same name
 * makes {@code CREATE INDEX IF NOT EXISTS} skip this one; this class can only check the
 * names within one table.
 *
 * @since 0.1.0
 */
public final class JsonSchemaToSql {

	private static final JsonMapper mapper = JsonMapper.builder()
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
		.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
		.build();

	private static final Map<String, String> PROPERTY_FORMS = Map.ofEntries(
			Map.entry("type", "a type name such as \"string\", or an array such as [\"string\", \"null\"]"),
			Map.entry("format", "a string such as \"date-time\""), Map.entry("enum", "an array of values"),
			Map.entry("minimum", "a number"), Map.entry("maximum", "a number"),
			Map.entry("exclusiveMinimum", "a number"), Map.entry("exclusiveMaximum", "a number"),
			Map.entry("minLength", "a whole number"), Map.entry("maxLength", "a whole number"),
			Map.entry("x-dorm-primary-key", "true or false"), Map.entry("x-dorm-auto-increment", "true or false"),
			Map.entry("x-dorm-unique", "true or false"),
			Map.entry("x-dorm-references",
					"an object of strings such as {\"table\": \"users\", \"column\": \"id\", \"onDelete\": \"CASCADE\"}"),
			Map.entry("properties", "an object such as {\"type\": \"string\"}"));

	private static final Map<String, String> TABLE_FORMS = Map.ofEntries(Map.entry("$id", "a string, the table name"),
			Map.entry("type", "the string \"object\""),
			Map.entry("properties", "an object that maps each property name to its schema"),
			Map.entry("required", "an array of property names"),
			Map.entry("x-dorm-primary-key", "an array of property names such as [\"tenant\", \"id\"]"),
			Map.entry("x-dorm-unique", "an array of arrays of property names such as [[\"owner\", \"title\"]]"),
			Map.entry("x-dorm-indexes",
					"an array of objects such as {\"name\": \"by_owner\", \"columns\": [\"owner\"], \"unique\": false}"));

	private JsonSchemaToSql() {
	}

	/**
	 * Write the statements that create the table a schema describes.
	 * @param schema the table schema
	 * @return the {@code CREATE TABLE} statement followed by one {@code CREATE INDEX}
	 * statement per index, without trailing semicolons
	 * @throws InvalidSchemaException if the schema is invalid
	 */
	public static List<String> toSql(TableSchema schema) {
		Objects.requireNonNull(schema, "'schema' must not be null");
		return new TableCompiler(schema).compile();
	}

	/**
	 * Write the statements that create the table a JSON schema text describes. Duplicate
	 * keys in one JSON object are rejected.
	 * @param json the table schema as JSON text
	 * @return the {@code CREATE TABLE} statement followed by one {@code CREATE INDEX}
	 * statement per index, without trailing semicolons
	 * @throws InvalidSchemaException if the text is not valid JSON or the schema is
	 * invalid
	 */
	public static List<String> toSql(String json) {
		Objects.requireNonNull(json, "'json' must not be null");
		JsonNode tree;
		try {
			tree = mapper.readTree(json);
		}
		catch (JacksonException ex) {
			throw invalidJson(ex, null);
		}
		return toSql(tree);
	}

	/**
	 * Write the statements that create the table a JSON schema tree describes.
	 * @param json the table schema as a JSON object
	 * @return the {@code CREATE TABLE} statement followed by one {@code CREATE INDEX}
	 * statement per index, without trailing semicolons
	 * @throws InvalidSchemaException if the tree is not an object or the schema is
	 * invalid
	 */
	public static List<String> toSql(JsonNode json) {
		Objects.requireNonNull(json, "'json' must not be null");
		if (!json.isObject()) {
			String found = json.isMissingNode() ? "empty"
					: "a JSON " + json.getNodeType().name().toLowerCase(Locale.ROOT);
			throw InvalidSchemaException.of(null, null, "json", "the schema is " + found + ", not an object",
					"write the table schema as a JSON object with '$id' and 'properties'");
		}
		TableSchema schema;
		try {
			schema = mapper.treeToValue(json, TableSchema.class);
		}
		catch (JacksonException ex) {
			JsonNode id = json.get("$id");
			throw invalidJson(ex, (id != null && id.isString()) ? id.stringValue() : null);
		}
		return toSql(schema);
	}

	/**
	 * Write a JSON value as compact JSON text.
	 * @param value the value
	 * @return the JSON text
	 */
	static String writeJson(JsonNode value) {
		return mapper.writeValueAsString(value);
	}

	private static InvalidSchemaException invalidJson(JacksonException ex, @Nullable String table) {
		List<JacksonException.Reference> path = ex.getPath();
		String top = propertyName(path, 0);
		if (top == null) {
			TokenStreamLocation location = ex.getLocation();
			String where = (location != null && location.getLineNr() > 0)
					? " at line " + location.getLineNr() + ", column " + location.getColumnNr() : "";
			return InvalidSchemaException.of(table, null, "json",
					"the text is not a valid JSON object: " + firstLine(ex.getOriginalMessage()) + where,
					"fix the JSON text", ex);
		}
		String property = null;
		String rule = top;
		String form = TABLE_FORMS.get(top);
		String name = propertyName(path, 1);
		if (top.equals("properties") && name != null) {
			property = name;
			String keyword = propertyName(path, 2);
			rule = (keyword != null) ? keyword : "properties";
			form = PROPERTY_FORMS.get(rule);
		}
		return InvalidSchemaException.of(table, property, rule, "the value does not have the expected JSON type",
				(form != null) ? "use " + form : "fix the value: " + firstLine(ex.getOriginalMessage()), ex);
	}

	private static @Nullable String propertyName(List<JacksonException.Reference> path, int index) {
		return (index < path.size()) ? path.get(index).getPropertyName() : null;
	}

	private static String firstLine(@Nullable String message) {
		if (message == null) {
			return "no details";
		}
		int end = message.indexOf('\n');
		return (end >= 0) ? message.substring(0, end) : message;
	}

}
