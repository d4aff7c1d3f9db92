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

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;

/**
 * JSON Schema description of one SQLite table, as DORM reads it: {@code $id} is the table
 * name and each entry of {@code properties} is a column, in document order.
 * <p>
 * Besides the per-property keywords of {@link PropertySchema}, a table schema may contain
 * these table-level keywords:
 * <ul>
 * <li>{@code x-dorm-primary-key}: an array of property names that form the primary key,
 * for example a composite key {@code ["tenant", "id"]}.</li>
 * <li>{@code x-dorm-unique}: an array of arrays of property names, each of which becomes
 * a {@code CREATE UNIQUE INDEX}.</li>
 * <li>{@code x-dorm-indexes}: an array of {@link IndexSchema} objects, each of which
 * becomes a {@code CREATE INDEX} or {@code CREATE UNIQUE INDEX} on one or more
 * columns.</li>
 * </ul>
 * Other keywords, such as {@code $schema}, {@code title} or {@code description}, are kept
 * in {@link #getOtherKeywords()} and ignored by {@link JsonSchemaToSql}, except unknown
 * {@code x-dorm-*} keywords, which it rejects.
 *
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TableSchema {

	private @Nullable String id;

	private @Nullable String type;

	private @Nullable Map<String, @Nullable PropertySchema> properties;

	private @Nullable List<String> required;

	private @Nullable List<String> primaryKey;

	private @Nullable List<List<String>> unique;

	private @Nullable List<@Nullable IndexSchema> indexes;

	private final Map<String, JsonNode> otherKeywords = new LinkedHashMap<>();

	/**
	 * Return the table name, the {@code $id} keyword.
	 * @return the table name, or {@code null} if not set
	 */
	@JsonProperty("$id")
	public @Nullable String getId() {
		return this.id;
	}

	/**
	 * Set the table name, the {@code $id} keyword. It is used as it is, so a URI such as
	 * {@code https://example.com/todos} names a table of that exact name.
	 * @param id the table name
	 */
	@JsonProperty("$id")
	public void setId(@Nullable String id) {
		this.id = id;
	}

	/**
	 * Return the JSON type of the table's rows, {@code object} if set.
	 * @return the type, or {@code null} if not set
	 */
	public @Nullable String getType() {
		return this.type;
	}

	/**
	 * Set the JSON type of the table's rows. It may be left out. If set, it must be
	 * {@code object}.
	 * @param type the type
	 */
	public void setType(@Nullable String type) {
		this.type = type;
	}

	/**
	 * Return the properties, one per column, in column order.
	 * @return the properties by name, or {@code null} if not set
	 */
	public @Nullable Map<String, @Nullable PropertySchema> getProperties() {
		return this.properties;
	}

	/**
	 * Set the properties, one per column. Their iteration order is the column order.
	 * @param properties the properties by name
	 */
	public void setProperties(@Nullable Map<String, @Nullable PropertySchema> properties) {
		this.properties = (properties != null) ? new LinkedHashMap<>(properties) : null;
	}

	/**
	 * Return the names of the required properties.
	 * @return the names, or {@code null} if not set
	 */
	public @Nullable List<String> getRequired() {
		return this.required;
	}

	/**
	 * Set the names of the required properties. A required property becomes a
	 * {@code NOT NULL} column unless its type includes {@code null}.
	 * @param required the property names
	 */
	public void setRequired(@Nullable List<String> required) {
		this.required = required;
	}

	/**
	 * Return the properties that form the primary key, the table-level
	 * {@code x-dorm-primary-key} keyword.
	 * @return the property names, or {@code null} if not set
	 */
	@JsonProperty("x-dorm-primary-key")
	public @Nullable List<String> getPrimaryKey() {
		return this.primaryKey;
	}

	/**
	 * Set the properties that form the primary key, in key order. Use either this or
	 * {@link PropertySchema#setPrimaryKey(Boolean)} on the properties, not both.
	 * @param primaryKey the property names
	 */
	@JsonProperty("x-dorm-primary-key")
	public void setPrimaryKey(@Nullable List<String> primaryKey) {
		this.primaryKey = primaryKey;
	}

	/**
	 * Return the groups of properties whose combined values must be unique, the
	 * table-level {@code x-dorm-unique} keyword.
	 * @return the groups of property names, or {@code null} if not set
	 */
	@JsonProperty("x-dorm-unique")
	public @Nullable List<List<String>> getUnique() {
		return this.unique;
	}

	/**
	 * Set the groups of properties whose combined values must be unique. Each group
	 * becomes a unique index named {@code uq_
	 *
	<table>
	 * _<column>_<column>...}.
	 * @param unique the groups of property names
	 */
	@JsonProperty("x-dorm-unique")
	public void setUnique(@Nullable List<List<String>> unique) {
		this.unique = unique;
	}

	/**
	 * Return the indexes on one or more columns, the table-level {@code x-dorm-indexes}
	 * keyword.
	 * @return the indexes, or {@code null} if not set
	 */
	@JsonProperty("x-dorm-indexes")
	public @Nullable List<@Nullable IndexSchema> getIndexes() {
		return this.indexes;
	}

	/**
	 * Set the indexes on one or more columns.
	 * @param indexes the indexes
	 */
	@JsonProperty("x-dorm-indexes")
	public void setIndexes(@Nullable List<@Nullable IndexSchema> indexes) {
		this.indexes = indexes;
	}

	/**
	 * Return the keywords that have no field of their own, such as {@code $schema} or
	 * {@code description}.
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
