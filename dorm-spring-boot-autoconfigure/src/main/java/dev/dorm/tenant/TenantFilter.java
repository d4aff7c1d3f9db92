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

package dev.dorm.tenant;

import java.io.IOException;
import java.util.List;

import dev.dorm.TenantContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.server.PathContainer;
import org.springframework.util.Assert;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Binds the tenant of each request to {@link TenantContext} for the request's duration,
 * and clears it afterwards, also when the request fails. Requests whose sources name an
 * invalid tenant get status 400, those whose sources disagree get 403, and requests to a
 * path that requires a tenant but name none get 400, each with a JSON body
 * {@code {"error": "..."}}.
 * <p>
 * Register it after Spring Security's filter chain, so that a resolver can read the
 * authenticated principal.
 *
 * @since 0.1.0
 */
public class TenantFilter extends OncePerRequestFilter {

	private final TenantRequestResolver resolver;

	private final List<PathPattern> requiredPaths;

	/**
	 * Create a filter.
	 * @param resolver resolves the tenant of each request
	 * @param requiredPaths path patterns, such as {@code /api/**}, whose requests must
	 * name a tenant
	 */
	public TenantFilter(TenantRequestResolver resolver, List<String> requiredPaths) {
		Assert.notNull(resolver, "'resolver' must not be null");
		Assert.notNull(requiredPaths, "'requiredPaths' must not be null");
		this.resolver = resolver;
		this.requiredPaths = requiredPaths.stream().map(PathPatternParser.defaultInstance::parse).toList();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		TenantRequestResolver.Resolution resolution = this.resolver.resolve(request);
		if (resolution.isRejected()) {
			JsonErrors.write(response, resolution.status(), resolution.error());
			return;
		}
		if (resolution.tenant() == null && requiresTenant(request)) {
			JsonErrors.write(response, HttpServletResponse.SC_BAD_REQUEST, "No tenant in the request to '"
					+ request.getRequestURI() + "'; name it in " + this.resolver.describeSources());
			return;
		}
		TenantContext.clear();
		try {
			if (resolution.tenant() != null) {
				TenantContext.setTenant(resolution.tenant());
			}
			chain.doFilter(request, response);
		}
		finally {
			TenantContext.clear();
		}
	}

	private boolean requiresTenant(HttpServletRequest request) {
		if (this.requiredPaths.isEmpty()) {
			return false;
		}
		PathContainer path = RequestPaths.pathWithinApplication(request);
		for (PathPattern pattern : this.requiredPaths) {
			if (pattern.matches(path)) {
				return true;
			}
		}
		return false;
	}

}
