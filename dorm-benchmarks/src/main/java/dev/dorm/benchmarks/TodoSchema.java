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

package dev.dorm.benchmarks;

import java.util.List;
import java.util.Locale;

import dev.dorm.migration.SqlMigrations;

/**
 * The schema and statements of the benchmark workload: a {@code todos} table, migrated in
 * three versions, the way an application's tenant databases are.
 */
final class TodoSchema {

	/**
	 * The kind of every benchmark database.
	 */
	static final String KIND = "tenant";

	/**
	 * The statements of migration versions 1, 2 and 3, in order.
	 */
	static final List<String> VERSIONS = List.of(
			"CREATE TABLE todos (id TEXT PRIMARY KEY, title TEXT NOT NULL, done INTEGER NOT NULL DEFAULT 0, "
					+ "created_at INTEGER NOT NULL)",
			"CREATE INDEX todos_done_created_at ON todos (done, created_at)",
			"CREATE TABLE todo_tags (todo_id TEXT NOT NULL REFERENCES todos (id) ON DELETE CASCADE, "
					+ "tag TEXT NOT NULL, PRIMARY KEY (todo_id, tag))");

	static final String SELECT_BY_ID = "SELECT id, title, done, created_at FROM todos WHERE id = ?";

	static final String SELECT_ALL = "SELECT id, title, done, created_at FROM todos";

	static final String INSERT = "INSERT INTO todos (id, title, done, created_at) VALUES (?, ?, ?, ?)";

	/**
	 * Inserts the rows with numbers 0 to the parameter, inclusive, in one statement.
	 * Their ids match {@link #id(int)}.
	 */
	static final String INSERT_NUMBERED = "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ?) "
			+ "INSERT INTO todos (id, title, done, created_at) "
			+ "SELECT printf('todo-%07d', i), 'Todo number ' || i, i % 2, 1767225600000 + i FROM n";

	static final String TITLE = "Water the plants";

	/**
	 * Epoch milliseconds used as {@code created_at} of inserted rows: 2026-01-01T00:00Z.
	 */
	static final long CREATED_AT = 1767225600000L;

	private TodoSchema() {
	}

	/**
	 * Return the id of the row with the given number, as {@link #INSERT_NUMBERED} writes
	 * it.
	 * @param number the row number, from 0 to 9,999,999
	 * @return the id
	 */
	static String id(int number) {
		return String.format(Locale.ROOT, "todo-%07d", number);
	}

	/**
	 * Return the three migration versions as code migrations of kind {@value #KIND}.
	 * @return the migrations
	 */
	static SqlMigrations migrations() {
		SqlMigrations migrations = SqlMigrations.forKind(KIND);
		for (int i = 0; i < VERSIONS.size(); i++) {
			migrations.version(i + 1, VERSIONS.get(i));
		}
		return migrations;
	}

}
