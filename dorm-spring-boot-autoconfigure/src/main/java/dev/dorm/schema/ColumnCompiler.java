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
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;

/**
 * Checks one property of a table schema and turns it into a {@link Column}: its type,
 * nullability, default and {@code CHECK} constraints. Keys, indexes and foreign keys,
 * which involve other properties, are left to {@link TableCompiler}.
 */
final class ColumnCompiler {

	private static final List<String> TYPES = List.of("string", "integer", "number", "boolean", "object", "array",
			"null");

	private static final String DEFAULT = "x-dorm-default";

	private final String table;

	private final String name;

	private final PropertySchema property;

	private final ColumnType type;

	private final boolean nullable;

	private final @Nullable List<JsonNode> enumValues;

	private final @Nullable BigDecimal minimum;

	private final @Nullable BigDecimal maximum;

	private final @Nullable BigDecimal exclusiveMinimum;

	private final @Nullable BigDecimal exclusiveMaximum;

	private final @Nullable Long minLength;

	private final @Nullable Long maxLength;

	/**
	 * Check the keywords of one property that do not depend on other properties.
	 * @param table the table name
	 * @param name the property name, already checked
	 * @param property the property schema
	 * @throws InvalidSchemaException if a keyword is unknown or invalid
	 */
	ColumnCompiler(String table, String name, PropertySchema property) {
		this.table = table;
		this.name = name;
		this.property = property;
		Keywords.rejectUnknown(property.getOtherKeywords(), Keywords.PROPERTY, table, name);
		List<String> types = property.getType();
		this.nullable = types != null && types.contains("null");
		this.type = resolveType(types);
		this.enumValues = enumValues();
		this.minimum = bound("minimum", property.getMinimum());
		this.maximum = bound("maximum", property.getMaximum());
		this.exclusiveMinimum = bound("exclusiveMinimum", property.getExclusiveMinimum());
		this.exclusiveMaximum = bound("exclusiveMaximum", property.getExclusiveMaximum());
		checkRange("minimum", this.minimum, "maximum", this.maximum, false);
		checkRange("minimum", this.minimum, "exclusiveMaximum", this.exclusiveMaximum, true);
		checkRange("exclusiveMinimum", this.exclusiveMinimum, "maximum", this.maximum, true);
		checkRange("exclusiveMinimum", this.exclusiveMinimum, "exclusiveMaximum", this.exclusiveMaximum, true);
		this.minLength = length("minLength", property.getMinLength());
		this.maxLength = length("maxLength", property.getMaxLength());
		if (this.minLength != null && this.maxLength != null && this.minLength > this.maxLength) {
			throw invalid("minLength",
					"'minLength' " + this.minLength + " is greater than 'maxLength' " + this.maxLength,
					"lower 'minLength' or raise 'maxLength'");
		}
	}

	String name() {
		return this.name;
	}

	PropertySchema property() {
		return this.property;
	}

	ColumnType type() {
		return this.type;
	}

	/**
	 * Return whether the property's type includes {@code null}.
	 * @return whether the column is nullable regardless of {@code required}
	 */
	boolean isNullable() {
		return this.nullable;
	}

	/**
	 * Check the default and the {@code enum} against the column's nullability and turn
	 * the property into a column.
	 * @param notNull whether the column gets a {@code NOT NULL} constraint
	 * @return the column
	 * @throws InvalidSchemaException if the default or the {@code enum} does not fit
	 */
	Column compile(boolean notNull) {
		String column = Sql.identifier(this.name);
		List<String> checks = new ArrayList<>();
		if (this.type == ColumnType.BOOLEAN) {
			checks.add(column + " IN (0, 1)");
		}
		if (this.type.isJson()) {
			// json_type() raises an error on malformed JSON, so it runs only after
			// json_valid() succeeded. The ELSE branch lets NULL pass, because SQLite 3.40
			// returns 0 for json_valid(NULL), where 3.50 returns NULL.
			checks.add("CASE WHEN json_valid(" + column + ") THEN json_type(" + column + ") = '" + this.type.jsonType()
					+ "' ELSE " + column + " IS NULL END");
		}
		if (this.enumValues != null) {
			checks.add(enumCheck(column, this.enumValues, notNull));
		}
		addCheck(checks, column + " >= ", this.minimum);
		addCheck(checks, column + " > ", this.exclusiveMinimum);
		addCheck(checks, column + " <= ", this.maximum);
		addCheck(checks, column + " < ", this.exclusiveMaximum);
		if (this.minLength != null) {
			checks.add("length(" + column + ") >= " + this.minLength);
		}
		if (this.maxLength != null) {
			checks.add("length(" + column + ") <= " + this.maxLength);
		}
		boolean unique = Boolean.TRUE.equals(this.property.getUnique());
		return new Column(this.name, this.type, notNull, unique, defaultLiteral(notNull), List.copyOf(checks));
	}

	private ColumnType resolveType(@Nullable List<String> types) {
		String jsonType = "string";
		if (types != null) {
			jsonType = singleType(types);
		}
		ColumnType resolved = ColumnType.forJsonType(jsonType);
		if ("integer".equals(this.property.getFormat())) {
			if (resolved != ColumnType.TEXT && !resolved.isNumeric()) {
				throw invalid("format", "\"integer\" does not apply to a " + jsonType + " column",
						"remove 'format' or change 'type' to \"integer\"");
			}
			return ColumnType.INTEGER;
		}
		return resolved;
	}

	private String singleType(List<String> types) {
		if (types.isEmpty()) {
			throw invalid("type", "the array of types is empty", "name one type, such as \"string\"");
		}
		String found = null;
		for (String candidate : types) {
			if (candidate == null || !TYPES.contains(candidate)) {
				String suggestion = (candidate != null) ? Keywords.suggest(candidate, TYPES) : null;
				throw invalid("type",
						"unknown type " + ((candidate != null) ? Names.describe(candidate) : "null (not a string)"),
						"use one of string, integer, number, boolean, object and array, optionally with \"null\""
								+ ((suggestion != null) ? " (did you mean \"" + suggestion + "\"?)" : ""));
			}
			if (candidate.equals("null") || candidate.equals(found)) {
				continue;
			}
			if (found != null) {
				throw invalid("type",
						"it names both \"" + found + "\" and \"" + candidate + "\", but a column stores one type",
						"keep one of them, optionally with \"null\"");
			}
			found = candidate;
		}
		if (found == null) {
			throw invalid("type", "it names only \"null\"",
					"add the type of the values, such as [\"string\", \"null\"]");
		}
		return found;
	}

	private @Nullable List<JsonNode> enumValues() {
		List<JsonNode> values = this.property.getEnumValues();
		if (values == null) {
			return null;
		}
		if (values.isEmpty()) {
			throw invalid("enum", "the array is empty, so no value could be stored", "list at least one value");
		}
		if (this.type.isJson()) {
			throw invalid("enum", "it is not supported on " + this.type.jsonType()
					+ " columns, because SQLite would compare the JSON text", "remove 'enum'");
		}
		List<JsonNode> checked = new ArrayList<>(values.size());
		for (JsonNode value : values) {
			JsonNode member = (value != null) ? value : NullNode.getInstance();
			if (!member.isNull()) {
				String problem = valueProblem(member);
				if (problem != null) {
					throw invalid("enum", "the value " + Names.describe(member) + " " + problem,
							"list only " + this.type.jsonType() + " values in 'enum', or change 'type'");
				}
			}
			checked.add(member);
		}
		return checked;
	}

	private String enumCheck(String column, List<JsonNode> values, boolean notNull) {
		List<String> literals = new ArrayList<>();
		for (JsonNode value : values) {
			if (!value.isNull()) {
				literals.add(literal(value));
			}
			else if (notNull) {
				throw invalid("enum", "it lists null, but the column is NOT NULL",
						"remove null from 'enum', or add \"null\" to 'type' and remove the property from 'required'");
			}
		}
		return literals.isEmpty() ? column + " IS NULL" : column + " IN (" + String.join(", ", literals) + ")";
	}

	private @Nullable BigDecimal bound(String rule, @Nullable BigDecimal value) {
		if (value == null) {
			return null;
		}
		if (!this.type.isNumeric()) {
			throw invalid(rule, "it applies to integer and number columns, but this column is " + this.type.jsonType(),
					"remove '" + rule + "' or change 'type'");
		}
		if (!Sql.isFinite(value)) {
			throw invalid(rule, value + " is beyond the range of a double, so SQLite cannot compare with it",
					"use a finite number");
		}
		return value;
	}

	private void checkRange(String lowerRule, @Nullable BigDecimal lower, String upperRule, @Nullable BigDecimal upper,
			boolean exclusive) {
		if (lower == null || upper == null) {
			return;
		}
		int comparison = lower.compareTo(upper);
		if (comparison > 0 || (exclusive && comparison == 0)) {
			String relation = exclusive ? " is not below '" : " is above '";
			throw invalid(lowerRule,
					"'" + lowerRule + "' " + lower + relation + upperRule + "' " + upper + ", so no value fits",
					"lower '" + lowerRule + "' or raise '" + upperRule + "'");
		}
	}

	private @Nullable Long length(String rule, @Nullable Long value) {
		if (value == null) {
			return null;
		}
		if (this.type != ColumnType.TEXT) {
			throw invalid(rule, "it applies to string columns, but this column is " + this.type.jsonType(),
					"remove '" + rule + "' or change 'type' to \"string\"");
		}
		if (value < 0) {
			throw invalid(rule, "it is negative (" + value + ")", "use 0 or more characters");
		}
		return value;
	}

	private static void addCheck(List<String> checks, String comparison, @Nullable BigDecimal bound) {
		if (bound != null) {
			checks.add(comparison + Sql.number(bound));
		}
	}

	private @Nullable String defaultLiteral(boolean notNull) {
		JsonNode value = this.property.getDefaultValue();
		if (value == null) {
			return null;
		}
		if (value.isNull()) {
			if (notNull) {
				throw invalid(DEFAULT, "it is null, but the column is NOT NULL",
						"set a value of type " + this.type.jsonType() + " or remove 'x-dorm-default'");
			}
			return "NULL";
		}
		String problem = valueProblem(value);
		if (problem != null) {
			throw invalid(DEFAULT, "the default " + Names.describe(value) + " " + problem, "set a value of type "
					+ this.type.jsonType() + "; 'x-dorm-default' is a literal value, never an " + "SQL expression");
		}
		checkDateFormat(value);
		checkEnumMember(value);
		checkBounds(value);
		checkLength(value);
		return literal(value);
	}

	private void checkDateFormat(JsonNode value) {
		if (this.type != ColumnType.TEXT) {
			return;
		}
		String format = this.property.getFormat();
		try {
			if ("date".equals(format)) {
				LocalDate.parse(value.stringValue());
			}
			else if ("date-time".equals(format)) {
				// RFC 3339 allows a lower-case 't' and 'z', which java.time does not
				// parse, and has no other letters that upper case would change.
				OffsetDateTime.parse(value.stringValue().toUpperCase(Locale.ROOT));
			}
		}
		catch (DateTimeParseException ex) {
			String example = "date".equals(format) ? "2024-01-31" : "2024-01-31T12:00:00Z";
			throw invalid(DEFAULT,
					"the default " + Names.describe(value) + " is not a " + format + " such as " + example,
					"set a " + format + " in that form; 'x-dorm-default' is a literal value, never an SQL expression "
							+ "such as CURRENT_TIMESTAMP");
		}
	}

	private void checkEnumMember(JsonNode value) {
		if (this.enumValues == null) {
			return;
		}
		for (JsonNode member : this.enumValues) {
			if (!member.isNull() && literal(member).equals(literal(value))) {
				return;
			}
		}
		throw invalid(DEFAULT, "the default " + Names.describe(value) + " is not one of the 'enum' values",
				"set one of the 'enum' values or add the default to 'enum'");
	}

	private void checkBounds(JsonNode value) {
		if (!this.type.isNumeric()) {
			return;
		}
		BigDecimal number = decimal(value);
		checkBound(value, number, "minimum", this.minimum, 1, true);
		checkBound(value, number, "exclusiveMinimum", this.exclusiveMinimum, 1, false);
		checkBound(value, number, "maximum", this.maximum, -1, true);
		checkBound(value, number, "exclusiveMaximum", this.exclusiveMaximum, -1, false);
	}

	private void checkBound(JsonNode value, @Nullable BigDecimal number, String rule, @Nullable BigDecimal bound,
			int side, boolean inclusive) {
		if (number == null || bound == null) {
			return;
		}
		int comparison = number.compareTo(bound) * side;
		if (comparison < 0 || (!inclusive && comparison == 0)) {
			throw invalid(DEFAULT, "the default " + Names.describe(value) + " breaks '" + rule + "' " + bound,
					"set a default within the bounds");
		}
	}

	private void checkLength(JsonNode value) {
		if (this.type != ColumnType.TEXT) {
			return;
		}
		String text = value.stringValue();
		int length = text.codePointCount(0, text.length());
		if (this.minLength != null && length < this.minLength) {
			throw invalid(DEFAULT, "the default " + Names.describe(value) + " has " + length
					+ " characters, fewer than 'minLength' " + this.minLength, "set a longer default");
		}
		if (this.maxLength != null && length > this.maxLength) {
			throw invalid(DEFAULT, "the default " + Names.describe(value) + " has " + length
					+ " characters, more than 'maxLength' " + this.maxLength, "set a shorter default");
		}
	}

	/**
	 * Return why a JSON value cannot be stored in this column, or {@code null} if it can.
	 * @param value a value other than JSON {@code null}
	 * @return the problem, worded to follow the value
	 */
	private @Nullable String valueProblem(JsonNode value) {
		String expected = "is not " + switch (this.type) {
			case INTEGER -> "an integer";
			case REAL -> "a number";
			case BOOLEAN -> "true or false";
			case OBJECT -> "a JSON object";
			case ARRAY -> "a JSON array";
			case TEXT -> "a string";
		};
		switch (this.type) {
			case TEXT:
				return value.isString() ? Names.textProblem(value.stringValue()) : expected;
			case INTEGER:
				if (!value.isNumber()) {
					return expected;
				}
				BigDecimal number = decimal(value);
				return (number != null && Sql.isInteger(number)) ? null
						: "is not a whole number within SQLite's 64-bit integer range";
			case REAL:
				if (!value.isNumber()) {
					return expected;
				}
				return (decimal(value) != null) ? null : "is beyond the range of a double";
			case BOOLEAN:
				return value.isBoolean() ? null : expected;
			default:
				boolean matches = (this.type == ColumnType.OBJECT) ? value.isObject() : value.isArray();
				return matches ? Names.textProblem(JsonSchemaToSql.writeJson(value)) : expected;
		}
	}

	/**
	 * Write a value that {@link #valueProblem} accepted as an SQL literal.
	 * @param value the value
	 * @return the literal
	 */
	private String literal(JsonNode value) {
		return switch (this.type) {
			case TEXT -> Sql.string(value.stringValue());
			case INTEGER, REAL -> Sql.number(decimal(value));
			case BOOLEAN -> value.booleanValue() ? "1" : "0";
			case OBJECT, ARRAY -> Sql.string(JsonSchemaToSql.writeJson(value));
		};
	}

	/**
	 * Return the exact value of a JSON number.
	 * @param value a number node
	 * @return the value, or {@code null} if it is not finite as a double
	 */
	private static @Nullable BigDecimal decimal(JsonNode value) {
		if ((value.isDouble() || value.isFloat()) && !Double.isFinite(value.doubleValue())) {
			return null;
		}
		BigDecimal number = value.decimalValue();
		return Sql.isFinite(number) ? number : null;
	}

	private InvalidSchemaException invalid(String rule, String problem, String action) {
		return InvalidSchemaException.of(this.table, this.name, rule, problem, action);
	}

}
