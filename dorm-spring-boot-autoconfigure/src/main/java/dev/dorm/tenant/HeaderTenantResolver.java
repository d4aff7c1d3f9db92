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

/**
 * Reads the tenant from a request header, {@code X-Tenant-Id} by default.
 *
 * @since 0.1.0
 */
public class HeaderTenantResolver implements TenantResolver {

	/**
	 * Default header name.
	 */
	public static final String DEFAULT_HEADER = "X-Tenant-Id";

	private final String header;

	/**
	 * Create a resolver that reads the given header.
	 * @param header the header name
	 */
	public HeaderTenantResolver(String header) {
		Assert.hasText(header, "'header' must not be empty");
		this.header = header;
	}

	@Override
	public @Nullable String resolveTenant(HttpServletRequest request) {
		String value = request.getHeader(this.header);
		return (value != null && !value.isEmpty()) ? value : null;
	}

	@Override
	public String getDescription() {
		return "header '" + this.header + "'";
	}

}
