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
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Todos of the current tenant through Spring Data JDBC. Nothing here names a tenant: the
 * tenant filter binds it for the request, and the task decorator carries it to
 * {@link #countAsync()}.
 */
@Service
class TodoService {

	private static final Sort ORDER = Sort.by("createdAt", "id");

	private final TodoRepository repository;

	TodoService(TodoRepository repository) {
		this.repository = repository;
	}

	/**
	 * Store a new todo unless its id exists. Both steps run in one write transaction, so
	 * two requests with the same id cannot both pass the check.
	 * @param id the id
	 * @param title the title
	 * @return the stored todo, or empty if the id exists
	 */
	@Transactional
	Optional<Todo> create(String id, String title) {
		if (this.repository.existsById(id)) {
			return Optional.empty();
		}
		return Optional.of(this.repository.save(TodoEntity.create(id, title, System.currentTimeMillis())).toTodo());
	}

	@Transactional(readOnly = true)
	Optional<Todo> find(String id) {
		return this.repository.findById(id).map(TodoEntity::toTodo);
	}

	@Transactional(readOnly = true)
	List<Todo> list(int limit) {
		if (limit == 0) {
			return List.of();
		}
		return this.repository.findAll(PageRequest.of(0, limit, ORDER)).map(TodoEntity::toTodo).toList();
	}

	@Async
	CompletableFuture<Long> countAsync() {
		return CompletableFuture.completedFuture(this.repository.count());
	}

}
