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

import java.util.ArrayList;
import java.util.List;

import dev.dorm.DormClient;
import dev.dorm.DormDatabase;
import dev.dorm.DormResult;
import jakarta.servlet.http.HttpServletRequest;
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
 * Todo API under {@code /t/{tenant}} and {@code /m/{tenant}}, which stores each tenant's
 * todos in the database {@code tenant:{tenant}} and runs one statement per request.
 * Writes under {@code /m/} are copied to the mirror {@code aggregate:main}; writes under
 * {@code /t/} skip it. {@link ApiExceptionHandler} turns failures of dorm-spring, such as
 * an invalid tenant name, into error responses.
 */
@RestController
@RequestMapping({ "/t/{tenant}", "/m/{tenant}" })
class TodoController {

	static final int DEFAULT_LIMIT = 100;

	static final int MAX_LIMIT = 1000;

	private static final String INSERT_SQL = "INSERT INTO todos (id, title, done, created_at) VALUES (?, ?, 0, ?)"
			+ " ON CONFLICT(id) DO NOTHING RETURNING " + Todo.COLUMNS;

	private static final String SELECT_BY_ID_SQL = "SELECT " + Todo.COLUMNS + " FROM todos WHERE id = ?";

	private static final String SELECT_PAGE_SQL = "SELECT " + Todo.COLUMNS
			+ " FROM todos ORDER BY created_at, id LIMIT ?";

	private static final String COUNT_SQL = "SELECT count(*) FROM todos";

	private final DormClient dorm;

	TodoController(DormClient dorm) {
		this.dorm = dorm;
	}

	@PostMapping(path = "/todos", consumes = "application/json")
	ResponseEntity<?> create(@PathVariable String tenant, @RequestBody JsonNode body, HttpServletRequest request) {
		DormDatabase database = mirrored(request) ? database(tenant) : database(tenant).withoutMirror();
		String invalid = TodoRequests.validateNewTodo(body);
		if (invalid != null) {
			return error(HttpStatus.BAD_REQUEST, invalid);
		}
		String id = body.get("id").stringValue();
		String title = body.get("title").stringValue();
		DormResult result = database.exec(INSERT_SQL, id, title, System.currentTimeMillis());
		if (result.rowsRead() == 0) {
			return error(HttpStatus.CONFLICT,
					"Todo " + TodoRequests.quote(id) + " already exists in database '" + database.name() + "'");
		}
		return ResponseEntity.status(HttpStatus.CREATED).body(Todo.fromRow(result.rows().get(0)));
	}

	@GetMapping("/todos/{id}")
	ResponseEntity<?> get(@PathVariable String tenant, @PathVariable String id) {
		DormDatabase database = database(tenant);
		DormResult result = database.exec(SELECT_BY_ID_SQL, id);
		if (result.rowsRead() == 0) {
			return error(HttpStatus.NOT_FOUND,
					"Todo " + TodoRequests.quote(id) + " not found in database '" + database.name() + "'");
		}
		return ResponseEntity.ok(Todo.fromRow(result.rows().get(0)));
	}

	@GetMapping("/todos")
	ResponseEntity<?> list(@PathVariable String tenant, @RequestParam(required = false) @Nullable String limit) {
		DormDatabase database = database(tenant);
		int rowLimit = (limit != null) ? TodoRequests.parseLimit(limit, MAX_LIMIT) : DEFAULT_LIMIT;
		if (limit != null && rowLimit < 0) {
			return error(HttpStatus.BAD_REQUEST,
					"Invalid limit " + TodoRequests.quote(limit)
							+ ": the limit must be a non-negative integer, and values above " + MAX_LIMIT + " count as "
							+ MAX_LIMIT);
		}
		List<List<@Nullable Object>> rows = database.exec(SELECT_PAGE_SQL, rowLimit).rows();
		List<Todo> todos = new ArrayList<>(rows.size());
		for (List<@Nullable Object> row : rows) {
			todos.add(Todo.fromRow(row));
		}
		return ResponseEntity.ok(todos);
	}

	@GetMapping("/count")
	TodoCount count(@PathVariable String tenant) {
		Object count = database(tenant).exec(COUNT_SQL).rows().get(0).get(0);
		return new TodoCount(((Number) count).longValue());
	}

	private DormDatabase database(String tenant) {
		return this.dorm.database("tenant:" + tenant);
	}

	private static boolean mirrored(HttpServletRequest request) {
		return request.getRequestURI().startsWith(request.getContextPath() + "/m/");
	}

	private static ResponseEntity<ApiError> error(HttpStatus status, String message) {
		return ResponseEntity.status(status).body(new ApiError(message));
	}

	/**
	 * Body of the count response: {@code {"count": N}}.
	 *
	 * @param count the number of todos of the tenant
	 */
	record TodoCount(long count) {

	}

}
