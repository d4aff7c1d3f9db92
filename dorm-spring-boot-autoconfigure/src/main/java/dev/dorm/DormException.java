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

import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessException;

/**
 * Base class of the exceptions thrown by dorm-spring. It belongs to Spring's
 * {@link DataAccessException} hierarchy, so code that already handles Spring's data
 * access exceptions handles these too.
 *
 * @since 0.1.0
 */
public class DormException extends DataAccessException {

	private final @Nullable String databaseName;

	/**
	 * Create a new exception.
	 * @param databaseName the name of the database involved, or {@code null} if none
	 * @param message the detail message
	 */
	public DormException(@Nullable String databaseName, String message) {
		this(databaseName, message, null);
	}

	/**
	 * Create a new exception.
	 * @param databaseName the name of the database involved, or {@code null} if none
	 * @param message the detail message
	 * @param cause the cause, or {@code null} if none
	 */
	public DormException(@Nullable String databaseName, String message, @Nullable Throwable cause) {
		super(message, cause);
		this.databaseName = databaseName;
	}

	/**
	 * Return the name of the database involved, such as {@code tenant:acme}.
	 * @return the database name, or {@code null} if the failure concerns no single
	 * database
	 */
	public @Nullable String getDatabaseName() {
		return this.databaseName;
	}

}
