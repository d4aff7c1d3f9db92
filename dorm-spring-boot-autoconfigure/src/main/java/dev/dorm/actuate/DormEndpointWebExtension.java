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

package dev.dorm.actuate;

import java.io.UncheckedIOException;
import java.util.Map;
import java.util.function.Supplier;

import dev.dorm.DatabaseBusyException;
import dev.dorm.DatabaseNotFoundException;
import dev.dorm.DormException;
import dev.dorm.InvalidDatabaseNameException;
import dev.dorm.MigrationFailedException;
import dev.dorm.UnknownDatabaseKindException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;
import org.springframework.util.Assert;

/**
 * {@link EndpointWebExtension @EndpointWebExtension} for the {@link DormEndpoint} that
 * returns failures as an HTTP status and a JSON body {@code {"error": "..."}}: 400 for an
 * invalid name, kind or operation, 403 for a write operation that is not enabled, 404 for
 * a database that does not exist, 409 for a migration of a kind that is already running,
 * 503 for a database that is busy or whose migration failed, and 500 for other failures.
 *
 * @since 0.1.0
 */
@EndpointWebExtension(endpoint = DormEndpoint.class)
public class DormEndpointWebExtension {

	private static final Log logger = LogFactory.getLog(DormEndpointWebExtension.class);

	private static final int STATUS_FORBIDDEN = 403;

	private static final int STATUS_CONFLICT = 409;

	private final DormEndpoint delegate;

	/**
	 * Create an extension of the given endpoint.
	 * @param delegate the endpoint
	 */
	public DormEndpointWebExtension(DormEndpoint delegate) {
		Assert.notNull(delegate, "'delegate' must not be null");
		this.delegate = delegate;
	}

	/**
	 * Return a summary of every kind of database.
	 * @return the summary
	 * @see DormEndpoint#summary()
	 */
	@ReadOperation
	public WebEndpointResponse<Object> summary() {
		return respond(this.delegate::summary);
	}

	/**
	 * Return the state of one database.
	 * @param database the name of the database
	 * @return its state
	 * @see DormEndpoint#database(String)
	 */
	@ReadOperation
	public WebEndpointResponse<Object> database(@Selector String database) {
		return respond(() -> this.delegate.database(database));
	}

	/**
	 * Run a write operation.
	 * @param name the kind or the database
	 * @param operation the operation
	 * @return the outcome
	 * @see DormEndpoint#write(String, String)
	 */
	@WriteOperation
	public WebEndpointResponse<Object> write(@Selector String name, @Selector String operation) {
		return respond(() -> this.delegate.write(name, operation));
	}

	/**
	 * Close a database and delete its files.
	 * @param database the name of the database
	 * @return the deletion
	 * @see DormEndpoint#delete(String)
	 */
	@DeleteOperation
	public WebEndpointResponse<Object> delete(@Selector String database) {
		return respond(() -> this.delegate.delete(database));
	}

	private WebEndpointResponse<Object> respond(Supplier<Object> operation) {
		try {
			return new WebEndpointResponse<>(operation.get());
		}
		catch (WriteOperationRejectedException ex) {
			return error(STATUS_FORBIDDEN, ex.getMessage());
		}
		catch (InvalidEndpointRequestException | InvalidDatabaseNameException | UnknownDatabaseKindException ex) {
			return error(WebEndpointResponse.STATUS_BAD_REQUEST, ex.getMessage());
		}
		catch (DatabaseNotFoundException ex) {
			return error(WebEndpointResponse.STATUS_NOT_FOUND, ex.getMessage());
		}
		catch (DatabaseBusyException | MigrationFailedException ex) {
			return error(WebEndpointResponse.STATUS_SERVICE_UNAVAILABLE, ex.getMessage());
		}
		catch (IllegalStateException ex) {
			return error(STATUS_CONFLICT, ex.getMessage());
		}
		catch (DormException | UncheckedIOException ex) {
			logger.warn("Operation of the 'dorm' endpoint failed", ex);
			return error(WebEndpointResponse.STATUS_INTERNAL_SERVER_ERROR, ex.getMessage());
		}
	}

	private static WebEndpointResponse<Object> error(int status, @Nullable String message) {
		return new WebEndpointResponse<>(OperationResponseBody.of(Map.of("error", String.valueOf(message))), status);
	}

}
