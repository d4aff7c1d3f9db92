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

import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Reads the tenant from the sub-domain of a base domain: {@code acme} for a request to
 * {@code acme.example.com} with base domain {@code example.com}. The host comes from
 * {@link HttpServletRequest#getServerName()}, which honours forwarded headers when the
 * server is configured to trust them. Hosts outside the base domain, and the base domain
 * itself, name no tenant; a host with more than one label before the base domain is
 * rejected.
 *
 * @since 0.1.0
 */
public class SubdomainTenantResolver implements TenantResolver {

	private final String suffix;

	private final String baseDomain;

	/**
	 * Create a resolver.
	 * @param baseDomain the base domain, such as {@code example.com}
	 */
	public SubdomainTenantResolver(String baseDomain) {
		Assert.hasText(baseDomain, "'baseDomain' must not be empty");
		this.baseDomain = baseDomain.toLowerCase(Locale.ROOT);
		this.suffix = "." + this.baseDomain;
	}

	@Override
	public @Nullable String resolveTenant(HttpServletRequest request) {
		String host = request.getServerName();
		if (host == null) {
			return null;
		}
		host = host.toLowerCase(Locale.ROOT);
		if (host.endsWith(".")) {
			// A fully qualified host name, such as 'acme.example.com.', names the same
			// host
			host = host.substring(0, host.length() - 1);
		}
		if (!host.endsWith(this.suffix) || host.length() == this.suffix.length()) {
			return null;
		}
		String label = host.substring(0, host.length() - this.suffix.length());
		if (label.indexOf('.') >= 0) {
			throw new TenantResolutionException("Host '" + host + "' has more than one label before '" + this.baseDomain
					+ "'; a tenant sub-domain is a single label such as 'acme." + this.baseDomain + "'");
		}
		return label;
	}

	@Override
	public String getDescription() {
		return "sub-domain of '" + this.baseDomain + "'";
	}

}
