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

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.Set;

import dev.dorm.TenantContext;
import dev.dorm.TenantSwitchException;
import org.jspecify.annotations.Nullable;

/**
 * A connection of one tenant's database that fails when used for statements after the
 * thread switched to another tenant, and ties a Spring-managed transaction to its tenant
 * when the first statement is created in it.
 */
final class TenantBoundConnection implements InvocationHandler {

	private static final Set<String> STATEMENT_METHODS = Set.of("createStatement", "prepareStatement", "prepareCall",
			"nativeSQL");

	private final Connection target;

	private final String tenant;

	private TenantBoundConnection(Connection target, String tenant) {
		this.target = target;
		this.tenant = tenant;
	}

	static Connection wrap(Connection target, String tenant) {
		return (Connection) Proxy.newProxyInstance(TenantBoundConnection.class.getClassLoader(),
				new Class<?>[] { Connection.class }, new TenantBoundConnection(target, tenant));
	}

	@Override
	public @Nullable Object invoke(Object proxy, Method method, @Nullable Object[] args) throws Throwable {
		String name = method.getName();
		if (name.equals("equals")) {
			return proxy == args[0];
		}
		if (name.equals("hashCode")) {
			return System.identityHashCode(proxy);
		}
		if (name.equals("toString")) {
			return "Connection of tenant '" + this.tenant + "'";
		}
		if (STATEMENT_METHODS.contains(name)) {
			checkTenant();
		}
		try {
			return method.invoke(this.target, args);
		}
		catch (InvocationTargetException ex) {
			throw ex.getTargetException();
		}
	}

	private void checkTenant() {
		String current = TenantContext.getTenant();
		if (!this.tenant.equals(current)) {
			throw new TenantSwitchException(
					"This connection belongs to tenant '" + this.tenant + "' but the thread is now bound to "
							+ ((current != null) ? "tenant '" + current + "'" : "no tenant")
							+ "; switch tenants only outside transactions and get a new connection");
		}
		TenantContext.bindToTransaction(this.tenant);
	}

}
