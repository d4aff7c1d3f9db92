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

package dev.dorm.web;

import java.time.Duration;

import org.springframework.util.Assert;

/**
 * Settings of the SQL endpoint that serves Outerbase Studio's "StarbaseDB" protocol.
 *
 * @since 0.1.0
 * @see SqlEndpointHandler
 */
public final class SqlEndpointSettings {

	private final String prefix;

	private final long maxRequestSize;

	private final int maxRows;

	private final Duration statementTimeout;

	/**
	 * Create settings.
	 * @param prefix the path under which the endpoint serves its routes, such as
	 * {@code /db}: it starts with {@code /} and does not end with one
	 * @param maxRequestSize the maximum size of a request body in bytes
	 * @param maxRows the maximum number of rows that one {@code /query/raw} request
	 * returns
	 * @param statementTimeout the time after which SQLite stops a statement
	 */
	public SqlEndpointSettings(String prefix, long maxRequestSize, int maxRows, Duration statementTimeout) {
		Assert.isTrue(prefix != null && prefix.length() > 1 && prefix.startsWith("/") && !prefix.endsWith("/"),
				() -> "'prefix' must start with '/' and must not end with '/', but is '" + prefix + "'");
		Assert.isTrue(maxRequestSize > 0, "'maxRequestSize' must be positive");
		Assert.isTrue(maxRows > 0, "'maxRows' must be positive");
		Assert.isTrue(statementTimeout != null && !statementTimeout.isNegative() && !statementTimeout.isZero(),
				"'statementTimeout' must be positive");
		this.prefix = prefix;
		this.maxRequestSize = maxRequestSize;
		this.maxRows = maxRows;
		this.statementTimeout = statementTimeout;
	}

	/**
	 * Return the path under which the endpoint serves its routes, such as {@code /db}.
	 * @return the path prefix
	 */
	public String getPrefix() {
		return this.prefix;
	}

	/**
	 * Return the maximum size of a request body.
	 * @return the size in bytes
	 */
	public long getMaxRequestSize() {
		return this.maxRequestSize;
	}

	/**
	 * Return the maximum number of rows that one {@code /query/raw} request returns, over
	 * all its statements.
	 * @return the maximum number of rows
	 */
	public int getMaxRows() {
		return this.maxRows;
	}

	/**
	 * Return the time after which SQLite stops a statement. For a streamed query it
	 * counts while SQLite produces each row.
	 * @return the statement timeout
	 */
	public Duration getStatementTimeout() {
		return this.statementTimeout;
	}

}
