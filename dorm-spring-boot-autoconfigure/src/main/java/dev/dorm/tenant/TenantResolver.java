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

/**
 * Strategy that reads the tenant of an HTTP request from one source, such as a header or
 * the authenticated principal. Declare a bean of this type to add a source; the
 * {@link TenantFilter} asks every resolver and rejects the request if two of them name
 * different tenants.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface TenantResolver {

	/**
	 * Read the tenant of a request. The value is validated as a database name afterwards,
	 * so a resolver returns it as found.
	 * @param request the request
	 * @return the tenant, or {@code null} if this source names none
	 */
	@Nullable String resolveTenant(HttpServletRequest request);

	/**
	 * Describe where this resolver reads the tenant, for error messages, such as
	 * {@code header 'X-Tenant-Id'}.
	 * @return the description
	 */
	default String getDescription() {
		return getClass().getSimpleName();
	}

}
