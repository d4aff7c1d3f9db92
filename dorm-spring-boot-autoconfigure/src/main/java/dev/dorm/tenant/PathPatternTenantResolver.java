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

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Reads the tenant from a variable of a path pattern, such as {@code tenant} in
 * {@code /api/{tenant}/**}. The pattern is matched against the request path without the
 * context path, so the resolver works in a servlet filter, before Spring MVC maps the
 * request.
 *
 * @since 0.1.0
 */
public class PathPatternTenantResolver implements TenantResolver {

	private final PathPattern pattern;

	private final String variable;

	/**
	 * Create a resolver.
	 * @param pattern the path pattern, such as {@code /api/{tenant}/**}
	 * @param variable the name of the variable that contains the tenant
	 * @throws IllegalArgumentException if the pattern does not declare the variable
	 */
	public PathPatternTenantResolver(String pattern, String variable) {
		Assert.hasText(pattern, "'pattern' must not be empty");
		Assert.hasText(variable, "'variable' must not be empty");
		Assert.isTrue(pattern.contains("{" + variable + "}"),
				() -> "Path pattern '" + pattern + "' has no variable '{" + variable + "}'");
		this.pattern = PathPatternParser.defaultInstance.parse(pattern);
		this.variable = variable;
	}

	@Override
	public @Nullable String resolveTenant(HttpServletRequest request) {
		PathPattern.PathMatchInfo match = this.pattern.matchAndExtract(RequestPaths.pathWithinApplication(request));
		return (match != null) ? match.getUriVariables().get(this.variable) : null;
	}

	@Override
	public String getDescription() {
		return "path variable '" + this.variable + "' of '" + this.pattern.getPatternString() + "'";
	}

}
