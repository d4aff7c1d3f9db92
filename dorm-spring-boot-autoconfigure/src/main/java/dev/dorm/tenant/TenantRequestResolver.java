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

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import dev.dorm.DatabaseName;
import dev.dorm.DormClient;
import dev.dorm.InvalidDatabaseNameException;
import dev.dorm.UnknownDatabaseKindException;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Resolves the tenant of a request from every {@link TenantResolver} in order. Each value
 * found is validated as a database name and put in canonical form ({@code tenant:acme});
 * two sources that name different tenants make the request forbidden, so a header can
 * never select another tenant than the principal's claim.
 * <p>
 * A request may name a database of the default kind, or of one of the kinds it is created
 * with. Other kinds, such as the kind of a mirror that contains the rows of every tenant,
 * are rejected with status 400.
 *
 * @since 0.1.0
 */
public class TenantRequestResolver {

	private final List<TenantResolver> resolvers;

	private final DormClient client;

	private final Set<String> kinds;

	/**
	 * Create a resolver that accepts tenants of the default kind only.
	 * @param resolvers the sources, in the order they are asked
	 * @param client validates the values as database names
	 */
	public TenantRequestResolver(List<TenantResolver> resolvers, DormClient client) {
		this(resolvers, client, Set.of());
	}

	/**
	 * Create a resolver.
	 * @param resolvers the sources, in the order they are asked
	 * @param client validates the values as database names
	 * @param kinds the kinds besides the default kind that a request may name
	 */
	public TenantRequestResolver(List<TenantResolver> resolvers, DormClient client, Collection<String> kinds) {
		Assert.notNull(resolvers, "'resolvers' must not be null");
		Assert.notNull(client, "'client' must not be null");
		Assert.notNull(kinds, "'kinds' must not be null");
		this.resolvers = List.copyOf(resolvers);
		this.client = client;
		this.kinds = Set.copyOf(kinds);
	}

	/**
	 * Resolve the tenant of a request.
	 * @param request the request
	 * @return the tenant, or the status and message to reject the request with
	 */
	public Resolution resolve(HttpServletRequest request) {
		String tenant = null;
		TenantResolver source = null;
		for (TenantResolver resolver : this.resolvers) {
			String value;
			try {
				value = resolver.resolveTenant(request);
			}
			catch (TenantResolutionException ex) {
				return Resolution.rejected(400,
						"Invalid tenant from " + resolver.getDescription() + ": " + ex.getMessage());
			}
			if (value == null) {
				continue;
			}
			DatabaseName name;
			try {
				name = this.client.parseName(value);
			}
			catch (InvalidDatabaseNameException | UnknownDatabaseKindException ex) {
				return Resolution.rejected(400,
						"Invalid tenant from " + resolver.getDescription() + ": " + ex.getMessage());
			}
			if (!isTenantKind(name)) {
				return Resolution.rejected(400,
						"Invalid tenant from " + resolver.getDescription() + ": '" + name + "' is a database of kind '"
								+ name.kind() + "', which requests may not name; send a tenant key such as '"
								+ name.key() + "', or add the kind to dorm.tenant.kinds");
			}
			String canonical = name.toString();
			if (tenant == null) {
				tenant = canonical;
				source = resolver;
			}
			else if (!tenant.equals(canonical)) {
				return Resolution.rejected(403,
						"Tenant '" + canonical + "' from " + resolver.getDescription() + " does not match tenant '"
								+ tenant + "' from " + source.getDescription()
								+ "; the request may use only one tenant");
			}
		}
		return Resolution.of(tenant);
	}

	/**
	 * Return whether a request may name a database of this kind: the default kind, whose
	 * key alone names the same database, or one of the configured kinds.
	 */
	private boolean isTenantKind(DatabaseName name) {
		return this.kinds.contains(name.kind()) || this.client.parseName(name.key()).equals(name);
	}

	/**
	 * Describe the sources, for a message about a missing tenant.
	 * @return the descriptions joined with "or"
	 */
	public String describeSources() {
		if (this.resolvers.isEmpty()) {
			return "no tenant source is configured";
		}
		return this.resolvers.stream().map(TenantResolver::getDescription).collect(Collectors.joining(" or "));
	}

	/**
	 * The outcome of resolving the tenant of one request.
	 *
	 * @param tenant the tenant in canonical form, or {@code null} if no source named one
	 * or the request is rejected
	 * @param status the HTTP status to reject the request with, or 0 if it is accepted
	 * @param error the message to reject the request with, or {@code null}
	 */
	public record Resolution(@Nullable String tenant, int status, @Nullable String error) {

		static Resolution of(@Nullable String tenant) {
			return new Resolution(tenant, 0, null);
		}

		static Resolution rejected(int status, String error) {
			return new Resolution(null, status, error);
		}

		/**
		 * Return whether the request must be rejected.
		 * @return whether the request is rejected
		 */
		public boolean isRejected() {
			return this.error != null;
		}

	}

}
