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

import java.util.function.Supplier;

import dev.dorm.NoTenantException;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Resolves the tenant of the HTTP request bound to the current thread by Spring MVC.
 *
 * @since 0.1.0
 */
public class CurrentRequestTenant implements Supplier<@Nullable String> {

	private final TenantRequestResolver resolver;

	/**
	 * Create a supplier.
	 * @param resolver resolves the tenant of a request
	 */
	public CurrentRequestTenant(TenantRequestResolver resolver) {
		Assert.notNull(resolver, "'resolver' must not be null");
		this.resolver = resolver;
	}

	/**
	 * Resolve the tenant of the current request.
	 * @return the tenant, or {@code null} outside a request or if the request names none
	 * @throws NoTenantException if the request names an invalid or conflicting tenant
	 */
	@Override
	public @Nullable String get() {
		RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
		if (!(attributes instanceof ServletRequestAttributes servletAttributes)) {
			return null;
		}
		TenantRequestResolver.Resolution resolution = this.resolver.resolve(servletAttributes.getRequest());
		if (resolution.isRejected()) {
			throw new NoTenantException(resolution.error());
		}
		return resolution.tenant();
	}

}
