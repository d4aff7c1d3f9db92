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

import org.jspecify.annotations.Nullable;

/**
 * Thrown when a JSON schema cannot be turned into SQLite statements. The message names
 * the table, the property and the keyword involved, what is wrong and how to fix it.
 *
 * @since 0.1.0
 */
public class InvalidSchemaException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	private final @Nullable String property;

	private final String rule;

	/**
	 * Create a new exception.
	 * @param property the property involved, or {@code null} for a problem of the table
	 * as a whole
	 * @param rule the keyword whose rule the schema breaks, such as {@code minimum} or
	 * {@code x-dorm-references}
	 * @param message the detail message
	 */
	public InvalidSchemaException(@Nullable String property, String rule, String message) {
		this(property, rule, message, null);
	}

	/**
	 * Create a new exception.
	 * @param property the property involved, or {@code null} for a problem of the table
	 * as a whole
	 * @param rule the keyword whose rule the schema breaks, such as {@code minimum} or
	 * {@code x-dorm-references}
	 * @param message the detail message
	 * @param cause the cause, or {@code null} if none
	 */
	public InvalidSchemaException(@Nullable String property, String rule, String message, @Nullable Throwable cause) {
		super(message, cause);
		this.property = property;
		this.rule = rule;
	}

	/**
	 * Create an exception whose message names the table, the property and the keyword,
	 * and states what is wrong and what to do.
	 * @param table the table name, or {@code null} if not known
	 * @param property the property, or {@code null} for a problem of the table
	 * @param rule the keyword
	 * @param problem what is wrong, without a final period
	 * @param action what to do, without a final period
	 * @return the exception
	 */
	static InvalidSchemaException of(@Nullable String table, @Nullable String property, String rule, String problem,
			String action) {
		return of(table, property, rule, problem, action, null);
	}

	/**
	 * Create an exception whose message names the table, the property and the keyword,
	 * and states what is wrong and what to do.
	 * @param table the table name, or {@code null} if not known
	 * @param property the property, or {@code null} for a problem of the table
	 * @param rule the keyword
	 * @param problem what is wrong, without a final period
	 * @param action what to do, without a final period
	 * @param cause the cause, or {@code null} if none
	 * @return the exception
	 */
	static InvalidSchemaException of(@Nullable String table, @Nullable String property, String rule, String problem,
			String action, @Nullable Throwable cause) {
		StringBuilder message = new StringBuilder("Invalid '").append(rule).append("'");
		if (property != null) {
			message.append(" of property ").append(Names.describe(property));
		}
		message.append(" in ");
		message.append((table != null) ? "the JSON schema of table " + Names.describe(table) : "a JSON schema");
		message.append(": ").append(problem).append("; ").append(action);
		return new InvalidSchemaException(property, rule, message.toString(), cause);
	}

	/**
	 * Return the name of the property involved.
	 * @return the property name, or {@code null} for a problem of the table as a whole
	 */
	public @Nullable String getProperty() {
		return this.property;
	}

	/**
	 * Return the keyword whose rule the schema breaks, such as {@code type},
	 * {@code minimum} or {@code x-dorm-default}. Problems with the JSON text itself use
	 * {@code json}, and problems with a property name use {@code properties}.
	 * @return the keyword
	 */
	public String getRule() {
		return this.rule;
	}

}
