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

package dev.dorm.sample;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

/**
 * One row of the {@code todos} table, as the API returns it.
 *
 * @param id the id chosen by the client
 * @param title the title
 * @param done 1 if the todo is done, otherwise 0
 * @param createdAt the time the todo was created, in milliseconds since the epoch
 * @since 0.1.0
 */
@JsonPropertyOrder({ "id", "title", "done", "created_at" })
public record Todo(String id, String title, long done, @JsonProperty("created_at") long createdAt) {

	/**
	 * Columns of a todo in the order that {@link #fromRow(List)} expects.
	 */
	static final String COLUMNS = "id, title, done, created_at";

	/**
	 * Create a todo from a row that has the columns {@link #COLUMNS}.
	 * @param row the values of the row
	 * @return the todo
	 */
	static Todo fromRow(List<@Nullable Object> row) {
		return new Todo((String) row.get(0), (String) row.get(1), ((Number) row.get(2)).longValue(),
				((Number) row.get(3)).longValue());
	}

}
