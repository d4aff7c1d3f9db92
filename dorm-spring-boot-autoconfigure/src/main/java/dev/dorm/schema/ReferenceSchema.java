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
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;

/**
 * Foreign key of one column, the value of the {@code x-dorm-references} keyword:
 * {@code {"table": "users", "column": "id", "onDelete": "CASCADE"}}.
 * <p>
 * The actions are those of SQLite: {@code CASCADE}, {@code SET NULL},
 * {@code SET DEFAULT}, {@code RESTRICT} and {@code NO ACTION}, in any letter case. Keys
 * other than {@code table}, {@code column}, {@code onDelete} and {@code onUpdate} are
 * rejected by {@link JsonSchemaToSql}, so a misspelled key does not go unnoticed.
 *
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ReferenceSchema {

	private @Nullable String table;

	private @Nullable String column;

	private @Nullable String onDelete;

	private @Nullable String onUpdate;

	private final Map<String, JsonNode> otherKeywords = new LinkedHashMap<>();

	/**
	 * Return the referenced table.
	 * @return the table name, or {@code null} if not set
	 */
	public @Nullable String getTable() {
		return this.table;
	}

	/**
	 * Set the referenced table.
	 * @param table the table name
	 */
	public void setTable(@Nullable String table) {
		this.table = table;
	}

	/**
	 * Return the referenced column.
	 * @return the column name, or {@code null} if not set
	 */
	public @Nullable String getColumn() {
		return this.column;
	}

	/**
	 * Set the referenced column. SQLite requires it to be the primary key of the
	 * referenced table or to have a unique index.
	 * @param column the column name
	 */
	public void setColumn(@Nullable String column) {
		this.column = column;
	}

	/**
	 * Return the action taken when the referenced row is deleted.
	 * @return the action, or {@code null} if not set
	 */
	public @Nullable String getOnDelete() {
		return this.onDelete;
	}

	/**
	 * Set the action taken when the referenced row is deleted, such as {@code CASCADE}.
	 * @param onDelete the action
	 */
	public void setOnDelete(@Nullable String onDelete) {
		this.onDelete = onDelete;
	}

	/**
	 * Return the action taken when the referenced key changes.
	 * @return the action, or {@code null} if not set
	 */
	public @Nullable String getOnUpdate() {
		return this.onUpdate;
	}

	/**
	 * Set the action taken when the referenced key changes, such as {@code CASCADE}.
	 * @param onUpdate the action
	 */
	public void setOnUpdate(@Nullable String onUpdate) {
		this.onUpdate = onUpdate;
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
