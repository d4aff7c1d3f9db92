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

package dev.dorm;

import java.util.Objects;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.util.Assert;

/**
 * The tenant of the current thread, held as a canonical database name such as
 * {@code tenant:acme}; a bare key such as {@code acme} is taken as a key of the default
 * kind. The web filter binds it for each request and clears it afterwards; {@link #run}
 * and {@link #call} bind it for a block of code and restore the previous tenant.
 * <p>
 * While a Spring-managed transaction uses a connection of the current tenant's database,
 * binding another tenant fails with a {@link TenantSwitchException}.
 *
 * @since 0.1.0
 */
public final class TenantContext {

	private static final ThreadLocal<String> current = new ThreadLocal<>();

	private static final Object TRANSACTION_TENANT_KEY = new Object();

	private static volatile String defaultKind = "tenant";

	private TenantContext() {
	}

	/**
	 * Set the kind of tenants given as bare keys. The auto-configuration sets it to
	 * {@code dorm.default-kind}; the default is {@code tenant}.
	 * @param kind the default kind
	 */
	public static void setDefaultKind(String kind) {
		defaultKind = DatabaseName.validateKind(kind);
	}

	/**
	 * Return the tenant bound to the current thread.
	 * @return the tenant as a canonical database name, or {@code null} if none is bound
	 */
	public static @Nullable String getTenant() {
		return current.get();
	}

	/**
	 * Return the tenant bound to the current thread, which must exist.
	 * @return the tenant
	 * @throws NoTenantException if no tenant is bound
	 */
	public static String requireTenant() {
		String tenant = current.get();
		if (tenant == null) {
			throw new NoTenantException("No tenant is bound to thread '" + Thread.currentThread().getName()
					+ "'; resolve it from the request or bind it with TenantContext.run(tenant, ...)");
		}
		return tenant;
	}

	/**
	 * Bind a tenant to the current thread, replacing any other. Prefer {@link #run} or
	 * {@link #call}, which restore the previous tenant.
	 * @param tenant a database name or a key of the default kind, or {@code null} to
	 * clear the tenant
	 * @throws InvalidDatabaseNameException if the tenant is not a valid database name
	 * @throws TenantSwitchException if a transaction uses another tenant's database
	 */
	public static void setTenant(@Nullable String tenant) {
		String canonical = (tenant != null) ? DatabaseName.parse(tenant, defaultKind).toString() : null;
		checkNoTransactionOnOtherTenant(canonical);
		set(canonical);
	}

	/**
	 * Remove the tenant from the current thread. Unlike {@link #setTenant}, this never
	 * fails: a transaction left on the tenant's database fails at its next statement
	 * instead.
	 */
	public static void clear() {
		current.remove();
	}

	/**
	 * Run an action with a tenant bound, then restore the previous tenant.
	 * @param tenant the tenant
	 * @param action the action
	 */
	public static void run(String tenant, Runnable action) {
		Assert.notNull(action, "'action' must not be null");
		call(tenant, () -> {
			action.run();
			return null;
		});
	}

	/**
	 * Call a function with a tenant bound, then restore the previous tenant.
	 * @param <T> the type of the result
	 * @param tenant the tenant
	 * @param action the function
	 * @return the result of the function
	 */
	public static <T> T call(String tenant, Supplier<T> action) {
		Assert.notNull(tenant, "'tenant' must not be null");
		Assert.notNull(action, "'action' must not be null");
		String previous = current.get();
		setTenant(tenant);
		try {
			return action.get();
		}
		finally {
			set(previous);
		}
	}

	/**
	 * Wrap an action so that it runs with the given tenant bound, or with none if the
	 * tenant is {@code null}, and restores the thread's tenant afterwards. Used to carry
	 * the tenant of submitting code into work run on other threads.
	 * @param tenant the tenant captured when the work was submitted, or {@code null}
	 * @param action the action
	 * @return the wrapped action
	 */
	public static Runnable wrap(@Nullable String tenant, Runnable action) {
		Assert.notNull(action, "'action' must not be null");
		return () -> {
			String previous = current.get();
			set(tenant);
			try {
				action.run();
			}
			finally {
				set(previous);
			}
		};
	}

	/**
	 * Record that the current Spring-managed transaction uses a connection of the current
	 * tenant's database, so that a switch to another tenant fails until the transaction
	 * completes. Does nothing outside a transaction.
	 * @param tenant the tenant whose database the transaction uses
	 * @throws TenantSwitchException if the transaction already uses another tenant
	 */
	public static void bindToTransaction(String tenant) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			return;
		}
		tenant = DatabaseName.parse(tenant, defaultKind).toString();
		Object bound = TransactionSynchronizationManager.getResource(TRANSACTION_TENANT_KEY);
		if (bound != null) {
			if (!bound.equals(tenant)) {
				throw switchFailure((String) bound, tenant);
			}
			return;
		}
		TransactionSynchronizationManager.bindResource(TRANSACTION_TENANT_KEY, tenant);
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

			@Override
			public void afterCompletion(int status) {
				TransactionSynchronizationManager.unbindResourceIfPossible(TRANSACTION_TENANT_KEY);
			}

		});
	}

	private static void checkNoTransactionOnOtherTenant(@Nullable String tenant) {
		Object bound = TransactionSynchronizationManager.getResource(TRANSACTION_TENANT_KEY);
		if (bound != null && !Objects.equals(bound, tenant)) {
			throw switchFailure((String) bound, tenant);
		}
	}

	private static TenantSwitchException switchFailure(String bound, @Nullable String tenant) {
		return new TenantSwitchException("Cannot switch from tenant '" + bound + "' to "
				+ ((tenant != null) ? "tenant '" + tenant + "'" : "no tenant")
				+ " while a transaction uses the database of tenant '" + bound
				+ "'; finish the transaction first or start a separate one for the other tenant");
	}

	private static void set(@Nullable String tenant) {
		if (tenant != null) {
			current.set(tenant);
		}
		else {
			current.remove();
		}
	}

}
