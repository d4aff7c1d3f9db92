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

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Prepared statements of one connection, kept for reuse by SQL string because SQLite's
 * prepare step costs about as much as running a point query. A statement is taken out
 * while in use, so a nested call with the same SQL prepares its own; the least recently
 * used statement is closed when the cache is full. Only the thread that holds the
 * connection uses its cache.
 */
final class StatementCache {

	private final int capacity;

	private final LinkedHashMap<String, PreparedStatement> statements = new LinkedHashMap<>(16, 0.75f, true);

	StatementCache(int capacity) {
		this.capacity = capacity;
	}

	/**
	 * Take the statement for a SQL string out of the cache.
	 * @param sql the SQL
	 * @return the statement, or {@code null} if none is cached
	 */
	@Nullable PreparedStatement take(String sql) {
		return this.statements.remove(sql);
	}

	/**
	 * Return a statement to the cache after use, closing it, or the least recently used
	 * one, if the cache is full.
	 * @param sql the SQL
	 * @param statement the statement, reset and with no open result set
	 */
	void give(String sql, PreparedStatement statement) {
		if (this.capacity == 0 || this.statements.containsKey(sql)) {
			closeQuietly(statement);
			return;
		}
		this.statements.put(sql, statement);
		if (this.statements.size() > this.capacity) {
			Iterator<Map.Entry<String, PreparedStatement>> eldest = this.statements.entrySet().iterator();
			closeQuietly(eldest.next().getValue());
			eldest.remove();
		}
	}

	int size() {
		return this.statements.size();
	}

	/**
	 * Close every cached statement.
	 */
	void clear() {
		this.statements.values().forEach(StatementCache::closeQuietly);
		this.statements.clear();
	}

	private static void closeQuietly(PreparedStatement statement) {
		try {
			statement.close();
		}
		catch (SQLException ex) {
			// A statement that fails to close holds no lock; the connection finalizes it
		}
	}

}
