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
import java.util.Base64;
import java.util.Locale;
import java.util.function.Supplier;

import dev.dorm.DatabaseName;
import dev.dorm.DormClient;
import dev.dorm.InvalidDatabaseNameException;
import dev.dorm.UnknownDatabaseKindException;
import dev.dorm.tenant.TenantRequestResolver;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.util.Assert;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The parts of the SQL endpoint's {@code SecurityFilterChain}: the request matcher of its
 * paths, the CORS filter, the filter that reads credentials, the authorization manager,
 * and the handlers that write the 401 and 403 responses with a JSON body and the CORS
 * headers.
 * <p>
 * A request authenticates with {@code Authorization: Bearer <token>}, or with
 * {@code Authorization: Basic} and the token as password (any user name). The admin
 * secret opens every database. A database's access key, see {@link SqlEndpointKeys},
 * opens that database's query routes and nothing else: other databases get 403. Because a
 * key does not name its database, any other token of the same form (64 lowercase
 * hexadecimal digits) also gets 403, and every other wrong token gets 401.
 * <p>
 * The authorization manager records what it allowed in a request attribute that
 * {@link SqlEndpointHandler} checks again, so the handler refuses to run statements for a
 * request that this chain did not authorize.
 *
 * @since 0.1.0
 */
public final class SqlEndpointSecurity {

	/**
	 * Request attribute that contains the canonical name of the database the request may
	 * use, or {@link #ALL_DATABASES} for the admin secret.
	 */
	static final String ALLOWED_DATABASE_ATTRIBUTE = SqlEndpointSecurity.class.getName() + ".allowedDatabase";

	/**
	 * Value of {@link #ALLOWED_DATABASE_ATTRIBUTE} that allows every database. No
	 * database name contains {@code *}.
	 */
	static final String ALL_DATABASES = "*";

	private static final String DENIED_DATABASE_ATTRIBUTE = SqlEndpointSecurity.class.getName() + ".deniedDatabase";

	private static final String REALM = "dorm SQL endpoint";

	private static final Log logger = LogFactory.getLog(SqlEndpointSecurity.class);

	private final SqlEndpointKeys keys;

	private final DormClient client;

	private final @Nullable TenantRequestResolver tenantResolver;

	private final RequestMatcher endpointPaths;

	private final PathPatternRequestMatcher namedDatabaseRoute;

	private final PathPatternRequestMatcher requestTenantRoute;

	/**
	 * Create the parts of the chain.
	 * @param settings the endpoint's settings
	 * @param keys checks the credentials
	 * @param client parses the database names of requests
	 * @param tenantResolver resolves the tenant of requests to {@code {prefix}/query/*},
	 * or {@code null} if the application resolves no tenants, which leaves those routes
	 * to the admin secret
	 */
	public SqlEndpointSecurity(SqlEndpointSettings settings, SqlEndpointKeys keys, DormClient client,
			@Nullable TenantRequestResolver tenantResolver) {
		Assert.notNull(settings, "'settings' must not be null");
		Assert.notNull(keys, "'keys' must not be null");
		Assert.notNull(client, "'client' must not be null");
		this.keys = keys;
		this.client = client;
		this.tenantResolver = tenantResolver;
		String prefix = settings.getPrefix();
		this.endpointPaths = PathPatternRequestMatcher.pathPattern(prefix + "/**");
		this.namedDatabaseRoute = PathPatternRequestMatcher.pathPattern(prefix + "/{database}/query/{operation}");
		this.requestTenantRoute = PathPatternRequestMatcher.pathPattern(prefix + "/query/{operation}");
	}

	/**
	 * Return the matcher of the endpoint's paths, the prefix and everything below it, for
	 * the chain's {@code securityMatcher}.
	 * @return the request matcher
	 */
	public RequestMatcher requestMatcher() {
		return this.endpointPaths;
	}

	/**
	 * Return the filter that adds the CORS headers to every response and responds to
	 * every {@code OPTIONS} request with 204 and no body, without asking for credentials.
	 * @return the CORS filter
	 */
	public Filter corsFilter() {
		return new CorsFilter();
	}

	/**
	 * Return the filter that reads the {@code Authorization} header. A request without
	 * one stays anonymous; a header with a wrong token gets 401 at once.
	 * @return the authentication filter
	 */
	public Filter authenticationFilter() {
		return new AuthenticationFilter();
	}

	/**
	 * Return the authorization manager: the admin secret opens every path, an access key
	 * the query routes of its database.
	 * @return the authorization manager
	 */
	public AuthorizationManager<RequestAuthorizationContext> authorizationManager() {
		return this::authorize;
	}

	/**
	 * Return the entry point that rejects a request without valid credentials with 401, a
	 * {@code WWW-Authenticate} header and a JSON body.
	 * @return the entry point
	 */
	public AuthenticationEntryPoint authenticationEntryPoint() {
		return this::commence;
	}

	/**
	 * Return the handler that rejects a request whose access key does not open its
	 * database with 403 and a JSON body.
	 * @return the access denied handler
	 */
	public AccessDeniedHandler accessDeniedHandler() {
		return (request, response, ex) -> {
			Object database = request.getAttribute(DENIED_DATABASE_ATTRIBUTE);
			String message = (database != null)
					? "The access key does not open database '" + database
							+ "'; use the access key of that database or the admin secret"
					: "An access key opens only the query routes of its own database; use the admin secret";
			SqlEndpointResponses.writeError(response, HttpServletResponse.SC_FORBIDDEN, message);
		};
	}

	private AuthorizationResult authorize(Supplier<? extends @Nullable Authentication> authentication,
			RequestAuthorizationContext context) {
		HttpServletRequest request = context.getRequest();
		if (!(authentication.get() instanceof SqlEndpointAuthentication credentials)) {
			return new AuthorizationDecision(false);
		}
		if (credentials.isAdmin()) {
			request.setAttribute(ALLOWED_DATABASE_ATTRIBUTE, ALL_DATABASES);
			return new AuthorizationDecision(true);
		}
		DatabaseName database = targetDatabase(request);
		String key = credentials.getAccessKey();
		if (database != null && key != null && this.keys.opens(key, database)) {
			request.setAttribute(ALLOWED_DATABASE_ATTRIBUTE, database.toString());
			return new AuthorizationDecision(true);
		}
		if (database != null) {
			request.setAttribute(DENIED_DATABASE_ATTRIBUTE, database.toString());
		}
		return new AuthorizationDecision(false);
	}

	/**
	 * Return the database that a query route uses: the one named in the path, or the
	 * tenant of the request. Returns {@code null} for other paths and for names that are
	 * not valid, which no access key opens.
	 */
	private @Nullable DatabaseName targetDatabase(HttpServletRequest request) {
		String name = null;
		RequestMatcher.MatchResult named = this.namedDatabaseRoute.matcher(request);
		if (named.isMatch()) {
			name = named.getVariables().get("database");
		}
		else if (this.tenantResolver != null && this.requestTenantRoute.matches(request)) {
			TenantRequestResolver.Resolution resolution = this.tenantResolver.resolve(request);
			name = resolution.isRejected() ? null : resolution.tenant();
		}
		if (name == null) {
			return null;
		}
		try {
			return this.client.parseName(name);
		}
		catch (InvalidDatabaseNameException | UnknownDatabaseKindException ex) {
			return null;
		}
	}

	private void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
			throws IOException {
		String message = (ex instanceof BadCredentialsException) ? ex.getMessage()
				: "Missing credentials: send the admin secret or the database's access key as"
						+ " 'Authorization: Bearer <token>'";
		response.addHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"" + REALM + "\"");
		response.addHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
		SqlEndpointResponses.writeError(response, HttpServletResponse.SC_UNAUTHORIZED, message);
	}

	/**
	 * Return the token of an {@code Authorization} header: the part after {@code Bearer},
	 * or the password of {@code Basic} credentials.
	 * @throws BadCredentialsException if the header has another form
	 */
	private static String token(String header) {
		int space = header.indexOf(' ');
		String scheme = (space > 0) ? header.substring(0, space).toLowerCase(Locale.ROOT) : "";
		String value = (space > 0) ? header.substring(space + 1).strip() : "";
		if ("bearer".equals(scheme)) {
			if (value.isEmpty()) {
				throw new BadCredentialsException("Invalid credentials: the Bearer token is empty");
			}
			return value;
		}
		if ("basic".equals(scheme)) {
			String decoded;
			try {
				decoded = new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
			}
			catch (IllegalArgumentException ex) {
				throw new BadCredentialsException("Invalid Basic credentials: they are not valid Base64");
			}
			int colon = decoded.indexOf(':');
			if (colon < 0) {
				throw new BadCredentialsException(
						"Invalid Basic credentials: send 'user:password' with the token as password");
			}
			return decoded.substring(colon + 1);
		}
		throw new BadCredentialsException("Invalid Authorization header: send 'Authorization: Bearer <token>'"
				+ " with the admin secret or the database's access key");
	}

	/**
	 * Adds the CORS headers to every response of the endpoint's paths and answers
	 * {@code OPTIONS} requests, such as a browser's preflight, itself.
	 */
	private static final class CorsFilter extends OncePerRequestFilter {

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			SqlEndpointResponses.applyCors(response);
			if ("OPTIONS".equals(request.getMethod())) {
				response.setStatus(HttpServletResponse.SC_NO_CONTENT);
				return;
			}
			chain.doFilter(request, response);
		}

	}

	/**
	 * Reads the {@code Authorization} header and authenticates the request with the admin
	 * secret or an access key.
	 */
	private final class AuthenticationFilter extends OncePerRequestFilter {

		private final SecurityContextHolderStrategy contextHolder = SecurityContextHolder.getContextHolderStrategy();

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			String header = request.getHeader(HttpHeaders.AUTHORIZATION);
			if (header == null) {
				chain.doFilter(request, response);
				return;
			}
			SqlEndpointAuthentication authentication;
			try {
				authentication = authenticate(token(header));
			}
			catch (BadCredentialsException ex) {
				logger.debug("Rejected the credentials of a request to the SQL endpoint: " + ex.getMessage());
				commence(request, response, ex);
				return;
			}
			SecurityContext context = this.contextHolder.createEmptyContext();
			context.setAuthentication(authentication);
			this.contextHolder.setContext(context);
			chain.doFilter(request, response);
		}

		private SqlEndpointAuthentication authenticate(String token) {
			if (SqlEndpointSecurity.this.keys.isAdminSecret(token)) {
				return SqlEndpointAuthentication.admin();
			}
			if (SqlEndpointKeys.isAccessKeyForm(token)) {
				return SqlEndpointAuthentication.accessKey(token);
			}
			throw new BadCredentialsException(
					"Invalid credentials: the token is neither the admin secret nor an access key");
		}

	}

}
