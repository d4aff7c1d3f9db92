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

import java.util.List;

import dev.dorm.DatabaseBusyException;
import dev.dorm.DormException;
import dev.dorm.InvalidDatabaseNameException;
import dev.dorm.MigrationFailedException;
import dev.dorm.UnknownDatabaseKindException;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ApiExceptionHandler}, for the exceptions that the routes of the sample
 * application cannot provoke over HTTP.
 */
class ApiExceptionHandlerTests {

	private final ApiExceptionHandler handler = new ApiExceptionHandler();

	@Test
	void unknownDatabaseKindReturns404() {
		UnknownDatabaseKindException ex = new UnknownDatabaseKindException("audit:a", "audit", List.of("tenant"));
		ResponseEntity<ApiError> response = this.handler.handleUnknownDatabaseKind(ex);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(response.getBody()).isEqualTo(new ApiError(ex.getMessage()));
	}

	@Test
	void invalidDatabaseNameReturns400() {
		InvalidDatabaseNameException ex = new InvalidDatabaseNameException("tenant:..", "a rule");
		ResponseEntity<ApiError> response = this.handler.handleInvalidDatabaseName(ex);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(response.getBody()).isEqualTo(new ApiError("Invalid database name 'tenant:..': a rule"));
	}

	@Test
	void unavailableDatabaseReturns503() {
		MigrationFailedException migration = new MigrationFailedException("tenant:a", "2", "1", "syntax error", null);
		assertThat(this.handler.handleUnavailable(migration).getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		DatabaseBusyException busy = new DatabaseBusyException("tenant:a", "Timed out");
		assertThat(this.handler.handleUnavailable(busy).getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(this.handler.handleUnavailable(busy).getBody()).isEqualTo(new ApiError("Timed out"));
	}

	@Test
	void otherDormExceptionReturns500() {
		DormException ex = new DormException("tenant:a", "Interrupted while waiting");
		ResponseEntity<ApiError> response = this.handler.handleDormException(ex);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
		assertThat(response.getBody()).isEqualTo(new ApiError("Interrupted while waiting"));
	}

	@Test
	void unexpectedExceptionReturns500WithoutDetails() {
		ResponseEntity<ApiError> response = this.handler.handleUnexpected(new IllegalStateException("secret"));
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
		assertThat(response.getBody())
			.isEqualTo(new ApiError("Internal server error (IllegalStateException); see the server log"));
	}

}
