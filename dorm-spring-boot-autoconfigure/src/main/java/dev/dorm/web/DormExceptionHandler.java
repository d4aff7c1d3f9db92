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

import java.util.Map;

import dev.dorm.DatabaseBusyException;
import dev.dorm.DormException;
import dev.dorm.InvalidDatabaseNameException;
import dev.dorm.MigrationFailedException;
import dev.dorm.NoTenantException;
import dev.dorm.UnknownDatabaseKindException;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Answers dorm-spring's exceptions that reach Spring MVC with a status and a JSON body
 * {@code {"error": "..."}} that carries the exception's message: 400 for a missing or
 * invalid tenant, 404 for an unknown database kind, and 503 for a database that failed
 * its migration or stayed busy. It runs after the application's own exception handlers.
 * SQL failures are left to the application, because their messages can reveal the schema.
 *
 * @since 0.1.0
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class DormExceptionHandler {

	private static final Map<Class<? extends DormException>, HttpStatus> statuses = Map.of(NoTenantException.class,
			HttpStatus.BAD_REQUEST, InvalidDatabaseNameException.class, HttpStatus.BAD_REQUEST,
			UnknownDatabaseKindException.class, HttpStatus.NOT_FOUND, MigrationFailedException.class,
			HttpStatus.SERVICE_UNAVAILABLE, DatabaseBusyException.class, HttpStatus.SERVICE_UNAVAILABLE);

	/**
	 * Answer an exception that is, or is caused by, one of the mapped exceptions. Spring
	 * MVC also calls this for wrapping exceptions, such as a transaction manager's
	 * failure to get a connection without a tenant.
	 * @param ex the exception
	 * @return the response
	 * @throws Exception the exception itself if none of its causes is mapped
	 */
	@ExceptionHandler({ NoTenantException.class, InvalidDatabaseNameException.class, UnknownDatabaseKindException.class,
			MigrationFailedException.class, DatabaseBusyException.class })
	ResponseEntity<Map<String, String>> handle(Exception ex) throws Exception {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			HttpStatus status = statuses.get(cause.getClass());
			if (status != null) {
				return ResponseEntity.status(status).body(Map.of("error", String.valueOf(cause.getMessage())));
			}
		}
		throw ex;
	}

}
