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

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;

/**
 * Reads the tenant from a claim or attribute of the authenticated principal of Spring
 * Security: a JWT or ID token claim, an OAuth 2 attribute, or an entry of a principal
 * that is a {@link Map}. Anonymous requests name no tenant.
 *
 * @since 0.1.0
 */
public class PrincipalClaimTenantResolver implements TenantResolver {

	private static final boolean oauth2Present = ClassUtils.isPresent(
			"org.springframework.security.oauth2.core.ClaimAccessor",
			PrincipalClaimTenantResolver.class.getClassLoader());

	private final String claim;

	/**
	 * Create a resolver.
	 * @param claim the name of the claim or attribute, such as {@code tenant_id}
	 */
	public PrincipalClaimTenantResolver(String claim) {
		Assert.hasText(claim, "'claim' must not be empty");
		this.claim = claim;
	}

	@Override
	public @Nullable String resolveTenant(HttpServletRequest request) {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || !authentication.isAuthenticated()
				|| authentication instanceof AnonymousAuthenticationToken) {
			return null;
		}
		Object value = claimOf(authentication.getPrincipal());
		return (value != null) ? value.toString() : null;
	}

	private @Nullable Object claimOf(@Nullable Object principal) {
		if (principal instanceof Map<?, ?> map) {
			return map.get(this.claim);
		}
		if (oauth2Present) {
			return OAuth2Claims.claim(principal, this.claim);
		}
		return null;
	}

	@Override
	public String getDescription() {
		return "claim '" + this.claim + "' of the authenticated principal";
	}

}
