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

/**
 * The JSON schema of the README's example, shared by the tests that check its SQL and its
 * use as a migration.
 */
public final class ReadmeSchemas {

	/**
	 * The {@code todos} table of the README, with a foreign key to {@code users}.
	 */
	public static final String TODOS = """
			{
			  "$id": "todos",
			  "type": "object",
			  "properties": {
			    "id": { "type": "integer", "x-dorm-auto-increment": true },
			    "owner": {
			      "type": "string",
			      "x-dorm-references": { "table": "users", "column": "id", "onDelete": "CASCADE" }
			    },
			    "title": { "type": "string", "minLength": 1, "maxLength": 200 },
			    "done": { "type": "boolean", "x-dorm-default": false },
			    "priority": { "type": "integer", "enum": [1, 2, 3], "x-dorm-default": 2 },
			    "due": { "type": ["string", "null"], "format": "date" },
			    "tags": { "type": "array", "x-dorm-default": [] }
			  },
			  "required": ["owner", "title", "done"],
			  "x-dorm-indexes": [{ "columns": ["owner", "due"] }]
			}
			""";

	private ReadmeSchemas() {
	}

}
