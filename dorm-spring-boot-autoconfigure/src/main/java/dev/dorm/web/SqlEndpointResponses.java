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
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletResponse;

/**
 * Headers and error bodies that every response of the SQL endpoint carries, whether the
 * handler, the security filters or the preflight response writes it.
 */
final class SqlEndpointResponses {

	/**
	 * The CORS headers of Starbase and pre-1.0 DORM, which Outerbase Studio calls from
	 * the browser. {@code *} is safe because the endpoint uses no cookies: a credentialed
	 * cross-site request fails the browser's CORS check.
	 */
	static final String[][] CORS_HEADERS = { { "Access-Control-Allow-Origin", "*" },
			{ "Access-Control-Allow-Methods", "GET, POST, PATCH, PUT, DELETE, OPTIONS" },
			{ "Access-Control-Allow-Headers", "Authorization, Content-Type, X-Starbase-Source, X-Data-Source" },
			{ "Access-Control-Max-Age", "86400" } };

	private static final int MAX_QUOTED_LENGTH = 120;

	private SqlEndpointResponses() {
	}

	static void applyCors(HttpServletResponse response) {
		for (String[] header : CORS_HEADERS) {
			response.setHeader(header[0], header[1]);
		}
	}

	/**
	 * Write an error response {@code {"error": "..."}} with the CORS headers.
	 * @param response the response, not yet committed
	 * @param status the HTTP status
	 * @param message the error message
	 * @throws IOException if writing fails
	 */
	static void writeError(HttpServletResponse response, int status, String message) throws IOException {
		byte[] body = errorBody(message);
		applyCors(response);
		response.setStatus(status);
		response.setContentType("application/json");
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
	}

	static byte[] errorBody(String message) {
		return ("{\"error\":" + jsonString(message) + "}").getBytes(StandardCharsets.UTF_8);
	}

	private static String jsonString(String value) {
		StringBuilder quoted = new StringBuilder(value.length() + 16).append('"');
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == '"' || c == '\\') {
				quoted.append('\\').append(c);
			}
			else if (c < 0x20 || c == 0x2028 || c == 0x2029 || Character.isSurrogate(c)) {
				quoted.append(String.format("\\u%04x", (int) c));
			}
			else {
				quoted.append(c);
			}
		}
		return quoted.append('"').toString();
	}

	/**
	 * Quote a value from the request for a message: control and non-ASCII characters are
	 * escaped, so the result is safe to log, and long values are shortened.
	 * @param value the value
	 * @return the quoted value
	 */
	static String quote(String value) {
		StringBuilder quoted = new StringBuilder("'");
		int end = Math.min(value.length(), MAX_QUOTED_LENGTH);
		for (int i = 0; i < end; i++) {
			char c = value.charAt(i);
			if (c < 0x20 || c > 0x7e || c == '\\' || c == '\'') {
				quoted.append(String.format("\\u%04x", (int) c));
			}
			else {
				quoted.append(c);
			}
		}
		quoted.append('\'');
		if (value.length() > MAX_QUOTED_LENGTH) {
			quoted.append("... (").append(value.length()).append(" characters)");
		}
		return quoted.toString();
	}

}
