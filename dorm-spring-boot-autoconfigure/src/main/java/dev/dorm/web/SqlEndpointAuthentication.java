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

import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;

/**
 * The credentials of a request to the SQL endpoint: the admin secret, or a token in the
 * form of an access key. The admin secret is verified when the token is created. An
 * access key is verified per request against the database the request uses, because the
 * key alone does not name its database.
 */
final class SqlEndpointAuthentication extends AbstractAuthenticationToken {

	private final boolean admin;

	private final @Nullable String accessKey;

	private SqlEndpointAuthentication(boolean admin, @Nullable String accessKey, String authority) {
		super(AuthorityUtils.createAuthorityList(authority));
		this.admin = admin;
		this.accessKey = accessKey;
		super.setAuthenticated(true);
	}

	static SqlEndpointAuthentication admin() {
		return new SqlEndpointAuthentication(true, null, "SQL_ENDPOINT_ADMIN");
	}

	static SqlEndpointAuthentication accessKey(String key) {
		return new SqlEndpointAuthentication(false, key, "SQL_ENDPOINT_ACCESS_KEY");
	}

	boolean isAdmin() {
		return this.admin;
	}

	@Nullable String getAccessKey() {
		return this.accessKey;
	}

	/**
	 * Return nothing, so that neither the secret nor a key leaves this object through
	 * Spring Security's logging or events.
	 */
	@Override
	public @Nullable Object getCredentials() {
		return null;
	}

	@Override
	public Object getPrincipal() {
		return this.admin ? "SQL endpoint admin" : "SQL endpoint access key";
	}

	@Override
	public boolean equals(@Nullable Object obj) {
		return this == obj;
	}

	@Override
	public int hashCode() {
		return System.identityHashCode(this);
	}

}
