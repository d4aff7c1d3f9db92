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

package dev.dorm;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when SQLite stopped a statement because it ran longer than the query timeout set
 * with {@link DormDatabase#withQueryTimeout(Duration)}. The statement's changes are not
 * applied.
 *
 * @since 0.1.0
 */
public class StatementTimeoutException extends DormException {

	private final @Nullable String sql;

	private final Duration timeout;

	/**
	 * Create a new exception.
	 * @param databaseName the name of the database
	 * @param sql the statement, or {@code null} if unknown
	 * @param timeout the timeout that was exceeded
	 * @param cause the driver's exception
	 */
	public StatementTimeoutException(String databaseName, @Nullable String sql, Duration timeout,
			@Nullable Throwable cause) {
		super(databaseName, "Statement on database '" + databaseName + "' was stopped after the query timeout of "
				+ timeout.toMillis() + " ms", cause);
		this.sql = sql;
		this.timeout = timeout;
	}

	/**
	 * Return the statement that was stopped.
	 * @return the statement, or {@code null} if unknown
	 */
	public @Nullable String getSql() {
		return this.sql;
	}

	/**
	 * Return the timeout that was exceeded.
	 * @return the timeout
	 */
	public Duration getTimeout() {
		return this.timeout;
	}

}
