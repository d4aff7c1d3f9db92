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

import java.util.List;

import dev.dorm.sql.SqlStatement;
import org.jspecify.annotations.Nullable;

/**
 * A parsed request body: one statement ({@code {"sql": ..., "params": [...]}}) or the
 * statements of a {@code transaction}.
 *
 * @param calls the statements in order, at least one
 * @param transaction whether the body was a {@code transaction}, whose result is an array
 * @param skipMirror whether the writes of the request are left out of mirroring
 */
record SqlRequest(List<Call> calls, boolean transaction, boolean skipMirror) {

	/**
	 * One statement with its parameters.
	 *
	 * @param location where the statement is in the body, such as
	 * {@code 'transaction[1].sql'}, for messages
	 * @param statement the parsed statement, already checked by
	 * {@link SqlStatementPolicy}
	 * @param params the values of its parameters by position
	 */
	record Call(String location, SqlStatement statement, @Nullable Object[] params) {

		String sql() {
			return this.statement.text();
		}

	}

}
