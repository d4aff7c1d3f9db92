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

import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.core.ClaimAccessor;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;

/**
 * Reads claims of OAuth 2 principals, kept apart so that the OAuth 2 classes are loaded
 * only when they are on the class path.
 */
final class OAuth2Claims {

	private OAuth2Claims() {
	}

	static @Nullable Object claim(@Nullable Object principal, String name) {
		if (principal instanceof ClaimAccessor accessor) {
			return accessor.getClaims().get(name);
		}
		if (principal instanceof OAuth2AuthenticatedPrincipal oauth2) {
			return oauth2.getAttribute(name);
		}
		return null;
	}

}
