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

import dev.dorm.DatabaseBusyException;
import dev.dorm.DormException;
import dev.dorm.InvalidDatabaseNameException;
import dev.dorm.MigrationFailedException;
import dev.dorm.NoTenantException;
import dev.dorm.UnknownDatabaseKindException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;

import org.springframework.core.log.LogMessage;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Turns exceptions into {@code {"error": "..."}} responses: those of dorm-spring by their
 * type, and those of Spring MVC (unknown route, unsupported method or content type,
 * unreadable body) with their usual status.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

	private static final Log logger = LogFactory.getLog(ApiExceptionHandler.class);

	private static final String ROUTES = "the API serves GET and POST /t/{tenant}/todos,"
			+ " GET /t/{tenant}/todos/{id}, GET /t/{tenant}/count, the same under /m/{tenant} with the writes"
			+ " mirrored, the same under /api with the tenant in the X-Tenant-Id header, and GET /aggregate/count";

	@ExceptionHandler
	ResponseEntity<ApiError> handleInvalidDatabaseName(InvalidDatabaseNameException ex) {
		return error(HttpStatus.BAD_REQUEST, ex.getMessage());
	}

	@ExceptionHandler
	ResponseEntity<ApiError> handleNoTenant(NoTenantException ex) {
		return error(HttpStatus.BAD_REQUEST, ex.getMessage());
	}

	@ExceptionHandler
	ResponseEntity<ApiError> handleUnknownDatabaseKind(UnknownDatabaseKindException ex) {
		return error(HttpStatus.NOT_FOUND, ex.getMessage());
	}

	@ExceptionHandler({ MigrationFailedException.class, DatabaseBusyException.class })
	ResponseEntity<ApiError> handleUnavailable(DormException ex) {
		logger.warn(LogMessage.format("Database '%s' is unavailable: %s", ex.getDatabaseName(), ex.getMessage()));
		return error(HttpStatus.SERVICE_UNAVAILABLE, ex.getMessage());
	}

	@ExceptionHandler
	ResponseEntity<ApiError> handleDormException(DormException ex) {
		logger.error(LogMessage.format("Request on database '%s' failed", ex.getDatabaseName()), ex);
		return error(HttpStatus.INTERNAL_SERVER_ERROR, ex.getMessage());
	}

	@ExceptionHandler
	ResponseEntity<ApiError> handleUnexpected(Exception ex) {
		logger.error("Request failed with an unexpected exception", ex);
		return error(HttpStatus.INTERNAL_SERVER_ERROR,
				"Internal server error (" + ex.getClass().getSimpleName() + "); see the server log");
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		String message = (ex.getCause() instanceof JacksonException jackson)
				? "Invalid request body: not valid JSON (" + firstLine(jackson.getOriginalMessage()) + "); send "
						+ TodoRequests.EXPECTED_BODY
				: "Invalid request body: the body is missing or empty; send " + TodoRequests.EXPECTED_BODY;
		return handleExceptionInternal(ex, new ApiError(message), headers, status, request);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleHttpRequestMethodNotSupported(
			HttpRequestMethodNotSupportedException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		String message = "Method '" + ex.getMethod() + "' is not supported for " + requestPath(request) + "; use "
				+ ex.getSupportedHttpMethods();
		return handleExceptionInternal(ex, new ApiError(message), headers, status, request);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		String message = "Content type '" + ex.getContentType() + "' is not supported for " + requestPath(request)
				+ "; send " + TodoRequests.EXPECTED_BODY + " as application/json";
		return handleExceptionInternal(ex, new ApiError(message), headers, status, request);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleNoHandlerFoundException(NoHandlerFoundException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		String message = "No route for " + ex.getHttpMethod() + " " + ex.getRequestURL() + "; " + ROUTES;
		return handleExceptionInternal(ex, new ApiError(message), headers, status, request);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		String message = "No route for " + ex.getHttpMethod() + " /" + ex.getResourcePath() + "; " + ROUTES;
		return handleExceptionInternal(ex, new ApiError(message), headers, status, request);
	}

	/**
	 * Replace the problem detail that Spring MVC builds for its own exceptions with an
	 * {@link ApiError} that carries the same detail.
	 */
	@Override
	protected @Nullable ResponseEntity<Object> handleExceptionInternal(Exception ex, @Nullable Object body,
			HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
		if (!(body instanceof ApiError)) {
			String detail = (ex instanceof ErrorResponse errorResponse) ? errorResponse.getBody().getDetail() : null;
			body = new ApiError((detail != null) ? detail : ex.getMessage());
		}
		return super.handleExceptionInternal(ex, body, headers, statusCode, request);
	}

	private static String requestPath(WebRequest request) {
		return (request instanceof ServletWebRequest servletRequest) ? servletRequest.getRequest().getRequestURI()
				: "this path";
	}

	private static String firstLine(String message) {
		int end = message.indexOf('\n');
		return (end >= 0) ? message.substring(0, end) : message;
	}

	private static ResponseEntity<ApiError> error(HttpStatus status, String message) {
		return ResponseEntity.status(status).body(new ApiError(message));
	}

}
