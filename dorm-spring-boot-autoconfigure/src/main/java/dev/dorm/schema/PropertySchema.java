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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;

/**
 * JSON Schema description of one column: the value of one entry of a table schema's
 * {@code properties}.
 * <p>
 * The standard keywords {@code type}, {@code format}, {@code enum}, {@code minimum},
 * {@code maximum}, {@code exclusiveMinimum}, {@code exclusiveMaximum}, {@code minLength}
 * and {@code maxLength} set the column type and its {@code CHECK} constraints. The
 * {@code x-dorm-*} keywords of DORM set the primary key, auto-increment, uniqueness,
 * indexes, the default and foreign keys. Other keywords, such as {@code description} or
 * {@code pattern}, are kept in {@link #getOtherKeywords()} and not enforced.
 *
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PropertySchema {

	private @Nullable List<String> type;

	private @Nullable String format;

	private @Nullable List<JsonNode> enumValues;

	private @Nullable BigDecimal minimum;

	private @Nullable BigDecimal maximum;

	private @Nullable BigDecimal exclusiveMinimum;

	private @Nullable BigDecimal exclusiveMaximum;

	private @Nullable Long minLength;

	private @Nullable Long maxLength;

	private @Nullable Boolean primaryKey;

	private @Nullable Boolean autoIncrement;

	private @Nullable Boolean unique;

	private @Nullable JsonNode index;

	private @Nullable JsonNode defaultValue;

	private @Nullable ReferenceSchema references;

	private final Map<String, JsonNode> otherKeywords = new LinkedHashMap<>();

	/**
	 * Return the JSON types of the column's values.
	 * @return the type names, or {@code null} if not set
	 */
	@JsonFormat(with = { JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY,
			JsonFormat.Feature.WRITE_SINGLE_ELEM_ARRAYS_UNWRAPPED })
	public @Nullable List<String> getType() {
		return this.type;
	}

	/**
	 * Set the JSON types of the column's values: one of {@code string}, {@code integer},
	 * {@code number}, {@code boolean}, {@code object} and {@code array}, optionally with
	 * {@code null}, which makes the column nullable. Without a type the column is
	 * {@code TEXT}, as in DORM.
	 * @param type the type names
	 */
	@JsonFormat(with = { JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY,
			JsonFormat.Feature.WRITE_SINGLE_ELEM_ARRAYS_UNWRAPPED })
	public void setType(@Nullable List<String> type) {
		this.type = type;
	}

	/**
	 * Return the format of the column's values.
	 * @return the format, or {@code null} if not set
	 */
	public @Nullable String getFormat() {
		return this.format;
	}

	/**
	 * Set the format of the column's values. {@code integer} makes a {@code string} or
	 * {@code number} column {@code INTEGER}; {@code date} and {@code date-time} keep it
	 * {@code TEXT} and check its default. Other formats are not enforced.
	 * @param format the format
	 */
	public void setFormat(@Nullable String format) {
		this.format = format;
	}

	/**
	 * Return the values the column may hold, the {@code enum} keyword.
	 * @return the values, or {@code null} if not set
	 */
	@JsonProperty("enum")
	public @Nullable List<JsonNode> getEnumValues() {
		return this.enumValues;
	}

	/**
	 * Set the values the column may hold, the {@code enum} keyword. They must match the
	 * column type.
	 * @param enumValues the values
	 */
	@JsonProperty("enum")
	public void setEnumValues(@Nullable List<JsonNode> enumValues) {
		this.enumValues = enumValues;
	}

	/**
	 * Return the inclusive lower bound of a numeric column.
	 * @return the bound, or {@code null} if not set
	 */
	public @Nullable BigDecimal getMinimum() {
		return this.minimum;
	}

	/**
	 * Set the inclusive lower bound of a numeric column.
	 * @param minimum the bound
	 */
	public void setMinimum(@Nullable BigDecimal minimum) {
		this.minimum = minimum;
	}

	/**
	 * Return the inclusive upper bound of a numeric column.
	 * @return the bound, or {@code null} if not set
	 */
	public @Nullable BigDecimal getMaximum() {
		return this.maximum;
	}

	/**
	 * Set the inclusive upper bound of a numeric column.
	 * @param maximum the bound
	 */
	public void setMaximum(@Nullable BigDecimal maximum) {
		this.maximum = maximum;
	}

	/**
	 * Return the exclusive lower bound of a numeric column.
	 * @return the bound, or {@code null} if not set
	 */
	public @Nullable BigDecimal getExclusiveMinimum() {
		return this.exclusiveMinimum;
	}

	/**
	 * Set the exclusive lower bound of a numeric column, a number as in JSON Schema draft
	 * 6 and later.
	 * @param exclusiveMinimum the bound
	 */
	public void setExclusiveMinimum(@Nullable BigDecimal exclusiveMinimum) {
		this.exclusiveMinimum = exclusiveMinimum;
	}

	/**
	 * Return the exclusive upper bound of a numeric column.
	 * @return the bound, or {@code null} if not set
	 */
	public @Nullable BigDecimal getExclusiveMaximum() {
		return this.exclusiveMaximum;
	}

	/**
	 * Set the exclusive upper bound of a numeric column, a number as in JSON Schema draft
	 * 6 and later.
	 * @param exclusiveMaximum the bound
	 */
	public void setExclusiveMaximum(@Nullable BigDecimal exclusiveMaximum) {
		this.exclusiveMaximum = exclusiveMaximum;
	}

	/**
	 * Return the minimum length in characters of a text column.
	 * @return the length, or {@code null} if not set
	 */
	public @Nullable Long getMinLength() {
		return this.minLength;
	}

	/**
	 * Set the minimum length of a text column, in characters (Unicode code points) as
	 * SQLite's {@code length()} counts them.
	 * @param minLength the length
	 */
	public void setMinLength(@Nullable Long minLength) {
		this.minLength = minLength;
	}

	/**
	 * Return the maximum length in characters of a text column.
	 * @return the length, or {@code null} if not set
	 */
	public @Nullable Long getMaxLength() {
		return this.maxLength;
	}

	/**
	 * Set the maximum length of a text column, in characters (Unicode code points) as
	 * SQLite's {@code length()} counts them.
	 * @param maxLength the length
	 */
	public void setMaxLength(@Nullable Long maxLength) {
		this.maxLength = maxLength;
	}

	/**
	 * Return whether the column is part of the primary key, the
	 * {@code x-dorm-primary-key} keyword.
	 * @return whether the column is part of the primary key, or {@code null} if not set
	 */
	@JsonProperty("x-dorm-primary-key")
	public @Nullable Boolean getPrimaryKey() {
		return this.primaryKey;
	}

	/**
	 * Set whether the column is part of the primary key. Two or more such properties form
	 * a composite key in column order.
	 * @param primaryKey whether the column is part of the primary key
	 */
	@JsonProperty("x-dorm-primary-key")
	public void setPrimaryKey(@Nullable Boolean primaryKey) {
		this.primaryKey = primaryKey;
	}

	/**
	 * Return whether the column is an auto-increment key, the
	 * {@code x-dorm-auto-increment} keyword.
	 * @return whether the column is an auto-increment key, or {@code null} if not set
	 */
	@JsonProperty("x-dorm-auto-increment")
	public @Nullable Boolean getAutoIncrement() {
		return this.autoIncrement;
	}

	/**
	 * Set whether the column is an {@code INTEGER PRIMARY KEY AUTOINCREMENT}. The column
	 * must be an integer and becomes the only primary key column.
	 * @param autoIncrement whether the column is an auto-increment key
	 */
	@JsonProperty("x-dorm-auto-increment")
	public void setAutoIncrement(@Nullable Boolean autoIncrement) {
		this.autoIncrement = autoIncrement;
	}

	/**
	 * Return whether the column's values must be unique, the {@code x-dorm-unique}
	 * keyword.
	 * @return whether the values must be unique, or {@code null} if not set
	 */
	@JsonProperty("x-dorm-unique")
	public @Nullable Boolean getUnique() {
		return this.unique;
	}

	/**
	 * Set whether the column's values must be unique, which adds a {@code UNIQUE} column
	 * constraint.
	 * @param unique whether the values must be unique
	 */
	@JsonProperty("x-dorm-unique")
	public void setUnique(@Nullable Boolean unique) {
		this.unique = unique;
	}

	/**
	 * Return the {@code x-dorm-index} keyword: {@code true}, {@code false} or an index
	 * name.
	 * @return the keyword's value, or {@code null} if not set
	 */
	@JsonProperty("x-dorm-index")
	public @Nullable JsonNode getIndex() {
		return this.index;
	}

	/**
	 * Set the {@code x-dorm-index} keyword: {@code true} for an index named {@code idx_
	 *
	<table>
	 * _<column>}, a string for an index of that name, or {@code false} for none.
	 * @param index the keyword's value
	 */
	@JsonProperty("x-dorm-index")
	public void setIndex(@Nullable JsonNode index) {
		this.index = index;
	}

	/**
	 * Return the column's default value, the {@code x-dorm-default} keyword.
	 * @return the default, a JSON {@code null} node for {@code DEFAULT NULL}, or
	 * {@code null} if not set
	 */
	@JsonProperty("x-dorm-default")
	public @Nullable JsonNode getDefaultValue() {
		return this.defaultValue;
	}

	/**
	 * Set the column's default value: a literal of the column's JSON type, never an SQL
	 * expression, so the string {@code "CURRENT_TIMESTAMP"} is that text.
	 * @param defaultValue the default, a JSON {@code null} node for {@code DEFAULT NULL}
	 */
	@JsonProperty("x-dorm-default")
	public void setDefaultValue(@Nullable JsonNode defaultValue) {
		this.defaultValue = (defaultValue != null && defaultValue.isMissingNode()) ? null : defaultValue;
	}

	/**
	 * Return the foreign key of the column, the {@code x-dorm-references} keyword.
	 * @return the foreign key, or {@code null} if not set
	 */
	@JsonProperty("x-dorm-references")
	public @Nullable ReferenceSchema getReferences() {
		return this.references;
	}

	/**
	 * Set the foreign key of the column.
	 * @param references the foreign key
	 */
	@JsonProperty("x-dorm-references")
	public void setReferences(@Nullable ReferenceSchema references) {
		this.references = references;
	}

	/**
	 * Return the keywords that have no field of their own, such as {@code description}.
	 * @return the keywords and their values
	 */
	@JsonAnyGetter
	public Map<String, JsonNode> getOtherKeywords() {
		return this.otherKeywords;
	}

	/**
	 * Add a keyword that has no field of its own.
	 * @param name the keyword
	 * @param value its value, where {@code null} means JSON {@code null}
	 */
	@JsonAnySetter
	public void setOtherKeyword(String name, @Nullable JsonNode value) {
		this.otherKeywords.put(name, (value != null) ? value : NullNode.getInstance());
	}

}
