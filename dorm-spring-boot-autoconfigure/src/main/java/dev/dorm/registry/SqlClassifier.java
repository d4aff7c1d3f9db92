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

package dev.dorm.registry;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.dorm.sql.SqlScript;
import dev.dorm.sql.SqlStatement;

import org.springframework.dao.InvalidDataAccessApiUsageException;

/**
 * Checks that a SQL string holds exactly one statement and tells whether it only reads.
 * Results are cached by SQL string, because applications run the same strings over and
 * over.
 */
final class SqlClassifier {

	private static final int MAX_CACHED = 4096;

	private static final int MAX_CACHED_LENGTH = 4096;

	private final Map<String, StatementKind> kinds = new ConcurrentHashMap<>();

	/**
	 * Return what a statement does.
	 * @param sql the SQL
	 * @return whether it reads only, changes the schema, or writes
	 * @throws InvalidDataAccessApiUsageException if the SQL does not hold exactly one
	 * statement
	 */
	StatementKind classify(String sql) {
		StatementKind cached = this.kinds.get(sql);
		if (cached != null) {
			return cached;
		}
		StatementKind result = StatementKind.of(single(sql));
		if (sql.length() <= MAX_CACHED_LENGTH) {
			if (this.kinds.size() >= MAX_CACHED) {
				this.kinds.clear();
			}
			this.kinds.put(sql, result);
		}
		return result;
	}

	/**
	 * Parse a SQL string that must hold exactly one statement.
	 * @param sql the SQL
	 * @return the statement
	 * @throws InvalidDataAccessApiUsageException if the SQL does not hold exactly one
	 * statement
	 */
	static SqlStatement single(String sql) {
		List<SqlStatement> statements = SqlScript.parse(sql);
		if (statements.size() != 1) {
			throw new InvalidDataAccessApiUsageException("Expected one SQL statement but found " + statements.size()
					+ "; run each statement with its own call, inside transaction(...) to make them atomic");
		}
		return statements.get(0);
	}

	private static boolean isTransactionControl(SqlStatement statement) {
		String keyword = statement.keyword();
		if (keyword.equals("BEGIN") || keyword.equals("COMMIT") || keyword.equals("END")) {
			return true;
		}
		List<String> words = statement.words();
		return keyword.equals("ROLLBACK") && !words.contains("TO");
	}

	/**
	 * What a statement does, as far as the registry cares.
	 */
	enum StatementKind {

		/**
		 * Reads only, so it may run on a read-only connection.
		 */
		READ,

		/**
		 * Writes rows.
		 */
		WRITE,

		/**
		 * Creates, alters or drops a schema object.
		 */
		SCHEMA_CHANGE;

		static StatementKind of(SqlStatement statement) {
			if (statement.isReadOnly()) {
				return READ;
			}
			String keyword = statement.keyword();
			if (isTransactionControl(statement)) {
				throw new InvalidDataAccessApiUsageException("Statement " + keyword
						+ " is not run through exec, because the connection's transaction state would no longer"
						+ " match what dorm-spring and Spring know; use DormDatabase.transaction(...) or Spring's"
						+ " transaction management");
			}
			if (keyword.equals("CREATE") || keyword.equals("ALTER") || keyword.equals("DROP")) {
				return SCHEMA_CHANGE;
			}
			return WRITE;
		}

	}

}
