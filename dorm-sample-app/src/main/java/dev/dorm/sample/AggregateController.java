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

import dev.dorm.DormClient;
import dev.dorm.DormDatabase;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reads the mirror database {@code aggregate:main}, where the writes made under
 * {@code /m/} arrive from every tenant.
 */
@RestController
class AggregateController {

	private static final String COUNT_SQL = "SELECT count(*) FROM todos";

	private static final String TABLE_EXISTS_SQL = "SELECT count(*) FROM sqlite_schema WHERE type = 'table'"
			+ " AND name = 'todos'";

	private final DormClient dorm;

	AggregateController(DormClient dorm) {
		this.dorm = dorm;
	}

	@GetMapping("/aggregate/count")
	TodoController.TodoCount count() {
		DormDatabase database = this.dorm.database("aggregate:main");
		long tables = ((Number) database.exec(TABLE_EXISTS_SQL).rows().get(0).get(0)).longValue();
		if (tables == 0) {
			return new TodoController.TodoCount(0);
		}
		return new TodoController.TodoCount(((Number) database.exec(COUNT_SQL).rows().get(0).get(0)).longValue());
	}

}
