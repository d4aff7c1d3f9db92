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
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;

/**
 * Index on one or more columns, one entry of the table-level {@code x-dorm-indexes}
 * keyword: {@code {"name": "todos_by_owner", "columns": ["owner", "created"], "unique":
 * false}}.
 * <p>
 * Without a name the index is named {@code idx_
 *
<table>
 * _<column>_<column>...}, or {@code uq_...} if it is unique. Keys other than
 * {@code name}, {@code columns} and {@code unique} are rejected by
 * {@link JsonSchemaToSql}.
 *
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class IndexSchema {

	private @Nullable String name;

	private @Nullable List<String> columns;

	private @Nullable Boolean unique;

	private final Map<String, JsonNode> otherKeywords = new LinkedHashMap<>();

	/**
	 * Return the index name.
	 * @return the name, or {@code null} if not set
	 */
	public @Nullable String getName() {
		return this.name;
	}

	/**
	 * Set the index name. SQLite index names share one namespace with tables, views and
	 * triggers across the whole database.
	 * @param name the name
	 */
	public void setName(@Nullable String name) {
		this.name = name;
	}

	/**
	 * Return the indexed properties, in index order.
	 * @return the property names, or {@code null} if not set
	 */
	public @Nullable List<String> getColumns() {
		return this.columns;
	}

	/**
	 * Set the indexed properties, in index order.
	 * @param columns the property names
	 */
	public void setColumns(@Nullable List<String> columns) {
		this.columns = columns;
	}

	/**
	 * Return whether the index is unique.
	 * @return whether the index is unique, or {@code null} if not set
	 */
	public @Nullable Boolean getUnique() {
		return this.unique;
	}

	/**
	 * Set whether the index is unique. Default is {@code false}.
	 * @param unique whether the index is unique
	 */
	public void setUnique(@Nullable Boolean unique) {
		this.unique = unique;
	}

	/**
	 * Return the keys that have no field of their own. Any key here makes
	 * {@link JsonSchemaToSql} reject the schema.
	 * @return the keys and their values
	 */
	@JsonAnyGetter
	public Map<String, JsonNode> getOtherKeywords() {
		return this.otherKeywords;
	}

	/**
	 * Add a key that has no field of its own.
	 * @param name the key
	 * @param value its value, where {@code null} means JSON {@code null}
	 */
	@JsonAnySetter
	public void setOtherKeyword(String name, @Nullable JsonNode value) {
		this.otherKeywords.put(name, (value != null) ? value : NullNode.getInstance());
	}

}
