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
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.dorm.DatabaseBusyException;
import dev.dorm.DatabaseName;
import dev.dorm.DormClient;
import dev.dorm.DormCursor;
import dev.dorm.DormDatabase;
import dev.dorm.DormException;
import dev.dorm.DormSqlException;
import dev.dorm.InvalidDatabaseNameException;
import dev.dorm.MigrationFailedException;
import dev.dorm.NoTenantException;
import dev.dorm.StatementTimeoutException;
import dev.dorm.TenantContext;
import dev.dorm.UnknownDatabaseKindException;
import dev.dorm.tenant.TenantRequestResolver;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.exc.JacksonIOException;

import org.springframework.core.log.LogMessage;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.server.PathContainer;
import org.springframework.util.Assert;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.function.RequestPredicates;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The SQL endpoint for Outerbase Studio's "StarbaseDB" connection: {@code POST
 * {prefix}/{database}/query/raw} and {@code /query/stream}, and the same routes without
 * {@code {database}} for the tenant of the request.
 * <p>
 * {@code /query/raw} takes {@code {"sql": "...", "params": [...]}} and returns
 * {@code {"result": {"columns": [...], "rows": [[...]], "meta": {"rows_read": n,
 * "rows_written": n}}}}, or takes {@code {"transaction": [...]}}, runs its statements in
 * one SQLite transaction and returns {@code {"result": [...]}} with one result per
 * statement. {@code /query/stream} takes one query and returns NDJSON: {@code {"columns":
 * [...]}}, one JSON array per row, then {@code {"meta": {...}}}, or {@code {"error":
 * "..."}} if the query fails after the first line was sent.
 * <p>
 * Errors are {@code {"error": "..."}}: 400 for an invalid request or a rejected
 * statement, 403 for a request that {@link SqlEndpointSecurity} did not authorize, 404
 * for an unknown database kind or route, 405 for a method other than POST, 413 for a body
 * over the size limit, 415 for a body that is not JSON, 500 for a failed or timed out
 * statement (with SQLite's message), and 503 for a database whose migration failed or
 * that stayed busy. The routes run statements only for requests that the endpoint's
 * security filter chain authorized.
 *
 * @since 0.1.0
 */
public class SqlEndpointHandler {

	private static final Log logger = LogFactory.getLog(SqlEndpointHandler.class);

	private static final MediaType NDJSON = MediaType.parseMediaType("application/x-ndjson");

	private static final int SQLITE_BUSY = 5;

	private static final int SQLITE_LOCKED = 6;

	/**
	 * Number of rows after which a stream is flushed to the client.
	 */
	private static final int FLUSH_ROWS = 1000;

	/**
	 * Time after which a stream is flushed even if fewer rows were written, so that a
	 * slow query still shows progress.
	 */
	private static final long FLUSH_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

	private final DormClient client;

	private final SqlEndpointSettings settings;

	private final @Nullable TenantRequestResolver tenantResolver;

	private final SqlRequestReader reader;

	private final SqlExecution execution;

	private final List<PathPattern> queryRoutes;

	/**
	 * Create a handler.
	 * @param client the databases
	 * @param settings the endpoint's settings
	 * @param tenantResolver the resolver of request tenants, used only to describe where
	 * a tenant can be named, or {@code null}
	 */
	public SqlEndpointHandler(DormClient client, SqlEndpointSettings settings,
			@Nullable TenantRequestResolver tenantResolver) {
		Assert.notNull(client, "'client' must not be null");
		Assert.notNull(settings, "'settings' must not be null");
		this.client = client;
		this.settings = settings;
		this.tenantResolver = tenantResolver;
		this.reader = new SqlRequestReader(settings.getMaxRequestSize());
		this.execution = new SqlExecution(settings.getMaxRows(), settings.getPrefix() + "/<database>/query/stream");
		String prefix = settings.getPrefix();
		this.queryRoutes = Stream.of("/query/raw", "/query/stream", "/{database}/query/raw", "/{database}/query/stream")
			.map((route) -> PathPatternParser.defaultInstance.parse(prefix + route))
			.toList();
	}

	/**
	 * Return the routes of the endpoint. Every other request under the prefix gets 404,
	 * or 405 for a method other than POST on a query route.
	 * @return the router function
	 */
	public RouterFunction<ServerResponse> routerFunction() {
		String prefix = this.settings.getPrefix();
		return RouterFunctions.route()
			.POST(prefix + "/query/raw", this::raw)
			.POST(prefix + "/query/stream", this::stream)
			.POST(prefix + "/{database}/query/raw", this::raw)
			.POST(prefix + "/{database}/query/stream", this::stream)
			.route(RequestPredicates.path(prefix + "/**"), this::otherRoute)
			.build();
	}

	ServerResponse raw(ServerRequest request) {
		try {
			DormDatabase requested = database(request);
			SqlRequest body = this.reader.read(request.servletRequest(), true);
			DormDatabase database = body.skipMirror() ? requested.withoutMirror() : requested;
			List<SqlExecution.StatementResult> results = body.transaction()
					? this.execution.runTransaction(database, body.calls())
					: List.of(this.execution.runSingle(database, body.calls().get(0)));
			return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).build((servletRequest, response) -> {
				writeResponse(results, body.transaction(), response);
				return null;
			});
		}
		catch (Exception ex) {
			return error(ex);
		}
	}

	/**
	 * Open the cursor here and write its rows in the response's write function. Both run
	 * on the request thread, which has the request's tenant and authentication, and no
	 * async dispatch is involved, so no async request timeout (30 seconds by default on
	 * Tomcat) cuts a long stream.
	 */
	ServerResponse stream(ServerRequest request) {
		DormCursor<@Nullable Object[]> cursor;
		try {
			DormDatabase database = database(request);
			SqlRequest body = this.reader.read(request.servletRequest(), false);
			cursor = SqlExecution.openStream(database, body.calls().get(0));
		}
		catch (Exception ex) {
			return error(ex);
		}
		return ServerResponse.ok().contentType(NDJSON).build((servletRequest, response) -> {
			writeStream(cursor, response);
			return null;
		});
	}

	private ServerResponse otherRoute(ServerRequest request) {
		PathContainer path = request.requestPath().pathWithinApplication();
		String prefix = this.settings.getPrefix();
		boolean queryRoute = this.queryRoutes.stream().anyMatch((route) -> route.matches(path));
		if (queryRoute) {
			byte[] body = SqlEndpointResponses
				.errorBody("Method " + request.method() + " is not supported for " + path.value() + "; use POST");
			return ServerResponse.status(405)
				.allow(HttpMethod.POST, HttpMethod.OPTIONS)
				.contentType(MediaType.APPLICATION_JSON)
				.build((servletRequest, response) -> writeBytes(response, body));
		}
		return errorResponse(404,
				"No route for " + request.method() + " " + path.value() + "; the SQL endpoint serves POST " + prefix
						+ "/<database>/query/raw and POST " + prefix + "/<database>/query/stream");
	}

	/**
	 * Return the database of a request, which the security filter chain must have
	 * allowed: the one named in the path, or else the tenant of the request.
	 */
	private DormDatabase database(ServerRequest request) {
		String source = request.headers().firstHeader("X-Starbase-Source");
		if (source != null && !"internal".equals(source)) {
			throw SqlEndpointException.badRequest("X-Starbase-Source " + SqlEndpointResponses.quote(source)
					+ " is not supported: this endpoint serves the database's own SQLite file, so choose the"
					+ " Starbase type 'Internal' in Outerbase Studio");
		}
		String name = request.pathVariables().get("database");
		if (name == null) {
			name = TenantContext.getTenant();
		}
		if (name == null) {
			throw SqlEndpointException.badRequest("No database in the request: name it in the path, as in POST "
					+ this.settings.getPrefix() + "/<database>/query/raw, or in the tenant of the request ("
					+ ((this.tenantResolver != null) ? this.tenantResolver.describeSources() : "not configured") + ")");
		}
		DatabaseName databaseName = this.client.parseName(name);
		checkAllowed(request.servletRequest(), databaseName);
		return this.client.database(databaseName).withQueryTimeout(this.settings.getStatementTimeout());
	}

	private void checkAllowed(HttpServletRequest request, DatabaseName databaseName) {
		Object allowed = request.getAttribute(SqlEndpointSecurity.ALLOWED_DATABASE_ATTRIBUTE);
		if (SqlEndpointSecurity.ALL_DATABASES.equals(allowed) || databaseName.toString().equals(allowed)) {
			return;
		}
		throw new SqlEndpointException(403,
				(allowed != null) ? "The access key does not open database '" + databaseName + "'"
						: "The request was not authorized by the SQL endpoint's security filter chain; check that no"
								+ " other SecurityFilterChain matches " + this.settings.getPrefix() + "/** before it");
	}

	/**
	 * Write the rows of a cursor as NDJSON as they are read, flushing regularly, and
	 * close the cursor in every case, also when the client went away.
	 */
	private void writeStream(DormCursor<@Nullable Object[]> cursor, HttpServletResponse response) throws IOException {
		long rows = 0;
		try (cursor; JsonGenerator generator = SqlJsonWriter.createGenerator(response.getOutputStream())) {
			SqlJsonWriter.writeColumnsLine(generator, cursor.columns());
			generator.flush();
			long lastFlush = System.nanoTime();
			int unflushed = 0;
			while (true) {
				@Nullable Object[] row;
				try {
					if (!cursor.hasNext()) {
						break;
					}
					row = cursor.next();
				}
				catch (RuntimeException ex) {
					logger.debug(LogMessage.format("Stream failed after %d rows", rows), ex);
					SqlJsonWriter.writeErrorLine(generator, failure(ex).message());
					generator.writeRaw('\n');
					return;
				}
				SqlJsonWriter.writeRow(generator, row);
				rows++;
				unflushed++;
				if (unflushed >= FLUSH_ROWS || System.nanoTime() - lastFlush >= FLUSH_NANOS) {
					generator.flush();
					lastFlush = System.nanoTime();
					unflushed = 0;
				}
			}
			SqlJsonWriter.writeMetaLine(generator, rows);
			generator.writeRaw('\n');
		}
		catch (JacksonIOException ex) {
			logger.debug(LogMessage.format("Stopped a stream after %d rows because the client went away", rows), ex);
		}
	}

	private void writeResponse(List<SqlExecution.StatementResult> results, boolean transaction,
			HttpServletResponse response) throws IOException {
		try (JsonGenerator generator = SqlJsonWriter.createGenerator(response.getOutputStream())) {
			SqlJsonWriter.writeResponse(generator, results, transaction);
		}
		catch (JacksonIOException ex) {
			logger.debug("Stopped writing a result because the client went away", ex);
		}
	}

	private ServerResponse error(Exception ex) {
		Failure failure = failure(ex);
		logger.debug(LogMessage.format("SQL endpoint request failed with status %d: %s", failure.status(),
				failure.message()));
		return errorResponse(failure.status(), failure.message());
	}

	private static ServerResponse errorResponse(int status, String message) {
		byte[] body = SqlEndpointResponses.errorBody(message);
		return ServerResponse.status(status)
			.contentType(MediaType.APPLICATION_JSON)
			.build((request, response) -> writeBytes(response, body));
	}

	private static @Nullable ModelAndView writeBytes(HttpServletResponse response, byte[] body) throws IOException {
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
		return null;
	}

	/**
	 * Map an exception to the status and message of its error response.
	 */
	private Failure failure(Exception ex) {
		if (ex instanceof SqlExecution.StatementFailedException failed) {
			Failure cause = failure(failed.getFailure());
			return new Failure(cause.status(),
					"The statement 'transaction[" + failed.getIndex() + "].sql' failed: " + cause.message()
							+ "; the transaction was rolled back, so none of its " + failed.getCount()
							+ " statements took effect");
		}
		if (ex instanceof SqlEndpointException endpoint) {
			return new Failure(endpoint.getStatus(), endpoint.getMessage());
		}
		if (ex instanceof InvalidDatabaseNameException || ex instanceof NoTenantException
				|| ex instanceof InvalidDataAccessApiUsageException) {
			return new Failure(400, ex.getMessage());
		}
		if (ex instanceof UnknownDatabaseKindException) {
			return new Failure(404, ex.getMessage());
		}
		if (ex instanceof MigrationFailedException || ex instanceof DatabaseBusyException) {
			logger.warn(LogMessage.format("Database '%s' is unavailable: %s", ((DormException) ex).getDatabaseName(),
					ex.getMessage()));
			return new Failure(503, ex.getMessage());
		}
		if (ex instanceof StatementTimeoutException timeout) {
			return new Failure(500, "The statement was stopped after " + timeout.getTimeout().toMillis()
					+ " ms, the limit of 'dorm.sql-endpoint.statement-timeout'; its changes were not applied");
		}
		if (ex instanceof DormSqlException sql) {
			int primaryCode = sql.getResultCode() & 0xff;
			int status = (primaryCode == SQLITE_BUSY || primaryCode == SQLITE_LOCKED) ? 503 : 500;
			return new Failure(status, sql.getSqliteMessage());
		}
		if (ex instanceof DormException) {
			logger.error("SQL endpoint request failed", ex);
			return new Failure(500, ex.getMessage());
		}
		if (ex instanceof IOException) {
			return new Failure(400, "Failed to read the request body: " + ex.getMessage());
		}
		logger.error("SQL endpoint request failed with an unexpected exception", ex);
		return new Failure(500, "Internal server error (" + ex.getClass().getSimpleName() + "); see the server log");
	}

	private record Failure(int status, String message) {
	}

}
