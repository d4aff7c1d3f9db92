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

import java.util.Locale;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Validation of the request values of {@link TodoController}, with messages that name the
 * rejected value and the rule it breaks.
 */
final class TodoRequests {

	static final String EXPECTED_BODY = "a JSON object with string fields 'id' and 'title'";

	private static final int MAX_QUOTED_LENGTH = 60;

	private TodoRequests() {
	}

	/**
	 * Validate the body of a new todo.
	 * @param body the parsed request body
	 * @return a message that describes the first problem, or {@code null} if the body is
	 * valid
	 */
	static @Nullable String validateNewTodo(JsonNode body) {
		if (!body.isObject()) {
			return "Invalid request body: expected " + EXPECTED_BODY + ", but got " + describe(body);
		}
		String idProblem = validateStringField(body, "id");
		return (idProblem != null) ? idProblem : validateStringField(body, "title");
	}

	private static @Nullable String validateStringField(JsonNode body, String field) {
		JsonNode value = body.get(field);
		if (value == null) {
			return "Invalid request body: field '" + field + "' is missing; send " + EXPECTED_BODY;
		}
		if (!value.isString()) {
			return "Invalid request body: field '" + field + "' must be a JSON string, but got " + describe(value);
		}
		return null;
	}

	private static String describe(JsonNode value) {
		if (value.isNull()) {
			return "null";
		}
		String type = value.getNodeType().name().toLowerCase(Locale.ROOT);
		return "the JSON " + type + " " + abbreviate(value.toString());
	}

	/**
	 * Parse the {@code limit} query parameter of the list route. Only decimal digits are
	 * accepted, so a sign, a fraction or an empty value is rejected.
	 * @param limit the parameter as sent
	 * @param maxLimit the limit used for any larger value, however many digits it has
	 * @return the limit, or -1 if the parameter is not a non-negative integer
	 */
	static int parseLimit(String limit, int maxLimit) {
		if (limit.isEmpty()) {
			return -1;
		}
		long value = 0;
		for (int i = 0; i < limit.length(); i++) {
			char c = limit.charAt(i);
			if (c < '0' || c > '9') {
				return -1;
			}
			value = Math.min(value * 10 + (c - '0'), maxLimit);
		}
		return (int) value;
	}

	/**
	 * Quote a value sent by a client for an error message, shortening long values.
	 * @param value the value
	 * @return the quoted value
	 */
	static String quote(String value) {
		return "'" + abbreviate(value) + "'";
	}

	private static String abbreviate(String value) {
		if (value.length() <= MAX_QUOTED_LENGTH) {
			return value;
		}
		return value.substring(0, MAX_QUOTED_LENGTH) + "... (" + value.length() + " characters)";
	}

}
