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

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import dev.dorm.sql.SqlStatement;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * Reads and validates the JSON body of a request: {@code {"sql": "...", "params": [...]}}
 * or {@code {"transaction": [{"sql": "...", "params": [...]}, ...]}}. Parameters are
 * strings, numbers, booleans or {@code null}, bound by position. Fields other than
 * {@code sql}, {@code params} and {@code transaction} are ignored, and a field whose
 * value is {@code null} counts as absent.
 */
final class SqlRequestReader {

	static final String EXPECTED_BODY = "{\"sql\": \"...\", \"params\": [...]} or {\"transaction\": [{\"sql\": \"...\"}, ...]}";

	private static final JsonMapper jsonMapper = JsonMapper.builder()
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	private final long maxRequestSize;

	SqlRequestReader(long maxRequestSize) {
		this.maxRequestSize = maxRequestSize;
	}

	/**
	 * Read the body of a request.
	 * @param request the request
	 * @param allowTransaction whether the body may be a {@code transaction}
	 * @return the statements of the body, each checked by {@link SqlStatementPolicy}
	 * @throws SqlEndpointException with status 415 for a body that is not JSON, 413 for
	 * one over the size limit and 400 for one that is not valid
	 * @throws IOException if the body cannot be read
	 */
	SqlRequest read(HttpServletRequest request, boolean allowTransaction) throws IOException {
		checkContentType(request.getContentType());
		JsonNode body = parse(readBody(request));
		if (!body.isObject()) {
			throw SqlEndpointException
				.badRequest("The request body must be a JSON object, " + EXPECTED_BODY + ", but is " + describe(body));
		}
		JsonNode sql = field(body, "sql");
		JsonNode transaction = field(body, "transaction");
		if (sql != null && transaction != null) {
			throw SqlEndpointException
				.badRequest("The request body has both 'sql' and 'transaction'; send one of them, " + EXPECTED_BODY);
		}
		boolean skipMirror = skipMirror(body);
		if (transaction != null) {
			if (!allowTransaction) {
				throw SqlEndpointException.badRequest("A stream runs one query, but the request body has a"
						+ " 'transaction'; send {\"sql\": \"...\", \"params\": [...]}, or send the transaction to"
						+ " /query/raw");
			}
			return new SqlRequest(readTransaction(transaction), true, skipMirror);
		}
		if (sql == null) {
			throw SqlEndpointException
				.badRequest("The request body has neither 'sql' nor 'transaction'; send " + EXPECTED_BODY);
		}
		return new SqlRequest(List.of(readCall(body, "")), false, skipMirror);
	}

	private void checkContentType(@Nullable String contentType) {
		MediaType mediaType;
		try {
			mediaType = (contentType != null) ? MediaType.parseMediaType(contentType) : null;
		}
		catch (InvalidMediaTypeException ex) {
			mediaType = null;
		}
		if (mediaType == null || !isJson(mediaType)) {
			throw new SqlEndpointException(415,
					"Content type " + ((contentType != null) ? SqlEndpointResponses.quote(contentType) : "(none)")
							+ " is not supported; send the body as 'application/json'");
		}
	}

	private static boolean isJson(MediaType mediaType) {
		if (MediaType.APPLICATION_JSON.isCompatibleWith(mediaType)) {
			return true;
		}
		return "application".equals(mediaType.getType()) && "json".equals(mediaType.getSubtypeSuffix());
	}

	private byte[] readBody(HttpServletRequest request) throws IOException {
		long declared = request.getContentLengthLong();
		if (declared > this.maxRequestSize) {
			throw tooLarge();
		}
		// NOTE: The rest of an oversized body stays unread. Tomcat discards up to
		// server.tomcat.max-swallow-size (2MB by default) and closes the connection after
		// larger bodies, so such a client may see a reset instead of the 413.
		byte[] body;
		try (InputStream input = request.getInputStream()) {
			body = input.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, this.maxRequestSize + 1));
		}
		if (body.length > this.maxRequestSize) {
			throw tooLarge();
		}
		if (body.length == 0) {
			throw SqlEndpointException.badRequest("The request body is empty; send " + EXPECTED_BODY);
		}
		return body;
	}

	private SqlEndpointException tooLarge() {
		return new SqlEndpointException(413, "The request body is larger than " + this.maxRequestSize
				+ " bytes, the limit set by 'dorm.sql-endpoint.max-request-size'");
	}

	private static JsonNode parse(byte[] body) {
		try {
			return jsonMapper.readTree(body);
		}
		catch (JacksonException ex) {
			throw SqlEndpointException
				.badRequest("The request body is not valid JSON (" + firstLine(ex.getOriginalMessage()) + ")");
		}
	}

	private static boolean skipMirror(JsonNode body) {
		JsonNode skipMirror = field(body, "skipMirror");
		if (skipMirror == null || skipMirror.isNull()) {
			return false;
		}
		if (!skipMirror.isBoolean()) {
			throw SqlEndpointException.badRequest("'skipMirror' must be true or false, but is " + describe(skipMirror));
		}
		return skipMirror.booleanValue();
	}

	private List<SqlRequest.Call> readTransaction(JsonNode transaction) {
		if (!transaction.isArray()) {
			throw SqlEndpointException.badRequest(
					"'transaction' must be a JSON array of {\"sql\": \"...\", \"params\": [...]} objects, but is "
							+ describe(transaction));
		}
		if (transaction.isEmpty()) {
			throw SqlEndpointException.badRequest("'transaction' is empty; send at least one statement");
		}
		List<SqlRequest.Call> calls = new ArrayList<>(transaction.size());
		for (int i = 0; i < transaction.size(); i++) {
			JsonNode element = transaction.get(i);
			String location = "transaction[" + i + "]";
			if (!element.isObject()) {
				throw SqlEndpointException.badRequest("'" + location
						+ "' must be a JSON object {\"sql\": \"...\", \"params\": [...]}, but is " + describe(element));
			}
			calls.add(readCall(element, location + "."));
		}
		return calls;
	}

	private static SqlRequest.Call readCall(JsonNode object, String path) {
		String sqlLocation = "'" + path + "sql'";
		JsonNode sql = field(object, "sql");
		if (sql == null) {
			throw SqlEndpointException.badRequest(sqlLocation + " is missing; send the statement as a JSON string");
		}
		if (!sql.isString()) {
			throw SqlEndpointException.badRequest(sqlLocation + " must be a JSON string, but is " + describe(sql));
		}
		SqlStatement statement = SqlStatementPolicy.parseSingle(sql.stringValue(), sqlLocation);
		return new SqlRequest.Call(sqlLocation, statement, readParams(field(object, "params"), path + "params"));
	}

	private static @Nullable Object[] readParams(@Nullable JsonNode params, String location) {
		if (params == null) {
			return new Object[0];
		}
		if (!params.isArray()) {
			throw SqlEndpointException.badRequest(
					"'" + location + "' must be a JSON array of values bound by position, but is " + describe(params));
		}
		@Nullable Object[] values = new Object[params.size()];
		for (int i = 0; i < values.length; i++) {
			values[i] = readParam(params.get(i), location + "[" + i + "]");
		}
		return values;
	}

	private static @Nullable Object readParam(JsonNode value, String location) {
		if (value.isNull()) {
			return null;
		}
		if (value.isString()) {
			return value.stringValue();
		}
		if (value.isBoolean()) {
			return value.booleanValue();
		}
		if (value.isIntegralNumber()) {
			if (!value.canConvertToLong()) {
				throw SqlEndpointException
					.badRequest("'" + location + "' is " + value + ", outside the range of SQLite's 64-bit integers");
			}
			return value.longValue();
		}
		if (value.isNumber()) {
			double number = value.doubleValue();
			if (!Double.isFinite(number)) {
				throw SqlEndpointException.badRequest(
						"'" + location + "' is " + value + ", which is not a finite 64-bit floating point number");
			}
			return number;
		}
		throw SqlEndpointException
			.badRequest("'" + location + "' must be a string, number, boolean or null, but is " + describe(value));
	}

	private static @Nullable JsonNode field(JsonNode object, String name) {
		JsonNode value = object.get(name);
		return (value == null || value.isNull()) ? null : value;
	}

	private static String describe(JsonNode value) {
		return switch (value.getNodeType()) {
			case NULL -> "null";
			case OBJECT -> "a JSON object";
			case ARRAY -> "a JSON array";
			case STRING -> "a JSON string";
			case NUMBER -> "a JSON number";
			case BOOLEAN -> "a JSON boolean";
			default -> "a JSON value of type " + value.getNodeType();
		};
	}

	private static String firstLine(String message) {
		int end = message.indexOf('\n');
		return (end >= 0) ? message.substring(0, end) : message;
	}

}
