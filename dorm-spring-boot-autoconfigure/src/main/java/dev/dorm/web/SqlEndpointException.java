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

/**
 * Failure of a request to the SQL endpoint that the endpoint detected itself, such as an
 * invalid body or a rejected statement, with the HTTP status to answer it with.
 */
class SqlEndpointException extends RuntimeException {

	private final int status;

	SqlEndpointException(int status, String message) {
		super(message);
		this.status = status;
	}

	static SqlEndpointException badRequest(String message) {
		return new SqlEndpointException(400, message);
	}

	int getStatus() {
		return this.status;
	}

}
