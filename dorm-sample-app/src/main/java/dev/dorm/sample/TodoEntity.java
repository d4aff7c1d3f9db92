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

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Transient;
import org.springframework.data.domain.Persistable;
import org.springframework.data.relational.core.mapping.Column;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A row of the {@code todos} table for Spring Data JDBC. The client chooses the id, so
 * the entity tells Spring Data whether it is new instead of relying on a null id.
 *
 * @param id the id chosen by the client
 * @param title the title
 * @param done 1 if the todo is done, otherwise 0
 * @param createdAt the creation time in milliseconds since the epoch
 * @param isNew whether the entity has not been stored yet
 * @since 0.1.0
 */
@Table("todos")
public record TodoEntity(@Id String id, String title, long done, @Column("created_at") long createdAt,
		@Transient boolean isNew) implements Persistable<String> {

	/**
	 * Create a stored todo, as Spring Data JDBC reads it.
	 * @param id the id
	 * @param title the title
	 * @param done 1 if the todo is done, otherwise 0
	 * @param createdAt the creation time in milliseconds since the epoch
	 */
	@PersistenceCreator
	public TodoEntity(String id, String title, long done, long createdAt) {
		this(id, title, done, createdAt, false);
	}

	/**
	 * Create a todo that has not been stored yet.
	 * @param id the id
	 * @param title the title
	 * @param createdAt the creation time in milliseconds since the epoch
	 * @return the new todo
	 */
	static TodoEntity create(String id, String title, long createdAt) {
		return new TodoEntity(id, title, 0, createdAt, true);
	}

	@Override
	public String getId() {
		return this.id;
	}

	Todo toTodo() {
		return new Todo(this.id, this.title, this.done, this.createdAt);
	}

}
