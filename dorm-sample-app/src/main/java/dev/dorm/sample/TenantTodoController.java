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
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The todo API of {@link TodoController} under {@code /api}, with the tenant taken from
 * the request (the {@code X-Tenant-Id} header, or the sub-domain when
 * {@code dorm.tenant.base-domain} is set) instead of the path. It uses the same database,
 * {@code tenant:{tenant}}, through a Spring Data JDBC repository, and answers the count
 * from an {@code @Async} method.
 */
@RestController
@RequestMapping("/api")
class TenantTodoController {

	private final TodoService todos;

	TenantTodoController(TodoService todos) {
		this.todos = todos;
	}

	@PostMapping(path = "/todos", consumes = "application/json")
	ResponseEntity<?> create(@RequestBody JsonNode body) {
		String invalid = TodoRequests.validateNewTodo(body);
		if (invalid != null) {
			return ResponseEntity.badRequest().body(new ApiError(invalid));
		}
		String id = body.get("id").stringValue();
		return this.todos.create(id, body.get("title").stringValue())
			.<ResponseEntity<?>>map((todo) -> ResponseEntity.status(HttpStatus.CREATED).body(todo))
			.orElseGet(() -> ResponseEntity.status(HttpStatus.CONFLICT)
				.body(new ApiError("Todo " + TodoRequests.quote(id) + " already exists")));
	}

	@GetMapping("/todos/{id}")
	ResponseEntity<?> get(@PathVariable String id) {
		return this.todos.find(id)
			.<ResponseEntity<?>>map(ResponseEntity::ok)
			.orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND)
				.body(new ApiError("Todo " + TodoRequests.quote(id) + " not found")));
	}

	@GetMapping("/todos")
	ResponseEntity<?> list(@RequestParam(required = false) @Nullable String limit) {
		int rowLimit = (limit != null) ? TodoRequests.parseLimit(limit, TodoController.MAX_LIMIT)
				: TodoController.DEFAULT_LIMIT;
		if (rowLimit < 0) {
			return ResponseEntity.badRequest()
				.body(new ApiError("Invalid limit " + TodoRequests.quote(limit)
						+ ": the limit must be a non-negative integer, and values above " + TodoController.MAX_LIMIT
						+ " count as " + TodoController.MAX_LIMIT));
		}
		List<Todo> page = this.todos.list(rowLimit);
		return ResponseEntity.ok(page);
	}

	@GetMapping("/count")
	CompletableFuture<TodoController.TodoCount> count() {
		return this.todos.countAsync().thenApply(TodoController.TodoCount::new);
	}

}
