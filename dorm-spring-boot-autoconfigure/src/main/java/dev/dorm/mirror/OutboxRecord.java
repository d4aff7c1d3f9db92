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

package dev.dorm.mirror;

import org.jspecify.annotations.Nullable;

/**
 * One change read from the outbox of a tenant database.
 *
 * @param id the position of the change in commit order
 * @param table the table that changed
 * @param operation {@code upsert} or {@code delete}
 * @param key the primary key as a JSON object
 * @param data all columns as a JSON object, or {@code null} for a delete
 * @param createdAt when the change was made, in milliseconds since the epoch
 * @since 0.1.0
 */
public record OutboxRecord(long id, String table, String operation, String key, @Nullable String data, long createdAt) {

	/**
	 * Operation of a record that inserts or replaces a row.
	 */
	public static final String UPSERT = "upsert";

	/**
	 * Operation of a record that deletes a row.
	 */
	public static final String DELETE = "delete";

	/**
	 * Return whether the record deletes a row.
	 * @return whether the record deletes a row
	 */
	public boolean isDelete() {
		return DELETE.equals(this.operation);
	}

}
