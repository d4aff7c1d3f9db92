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

package dev.dorm.registry;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;

import org.jspecify.annotations.Nullable;

/**
 * A connection handed out by a {@link DatabaseDataSource}: closing it gives the physical
 * connection back to its pool instead of closing it.
 */
final class LeasedConnection implements InvocationHandler {

	private final Connection target;

	private final Runnable release;

	private final boolean readOnly;

	private boolean closed;

	private LeasedConnection(Connection target, Runnable release, boolean readOnly) {
		this.target = target;
		this.release = release;
		this.readOnly = readOnly;
	}

	/**
	 * Wrap a pooled connection.
	 * @param target the physical connection
	 * @param release gives the connection back; run once, on the first close
	 * @param readOnly whether the connection is a reader
	 * @return the wrapped connection
	 */
	static Connection wrap(Connection target, Runnable release, boolean readOnly) {
		return (Connection) Proxy.newProxyInstance(LeasedConnection.class.getClassLoader(),
				new Class<?>[] { Connection.class }, new LeasedConnection(target, release, readOnly));
	}

	@Override
	public @Nullable Object invoke(Object proxy, Method method, @Nullable Object[] args) throws Throwable {
		switch (method.getName()) {
			case "equals":
				return proxy == args[0];
			case "hashCode":
				return System.identityHashCode(proxy);
			case "toString":
				return "Leased " + this.target;
			case "close":
				close();
				return null;
			case "isClosed":
				return this.closed;
			case "isReadOnly":
				return this.readOnly;
			case "setReadOnly":
				// A reader is read-only from the start; SQLite cannot change this later
				return null;
			case "unwrap":
				return ((Class<?>) args[0]).isInstance(proxy) ? proxy : this.target.unwrap((Class<?>) args[0]);
			case "isWrapperFor":
				return ((Class<?>) args[0]).isInstance(proxy) || this.target.isWrapperFor((Class<?>) args[0]);
			default:
				return invokeTarget(method, args);
		}
	}

	private void close() {
		if (!this.closed) {
			this.closed = true;
			this.release.run();
		}
	}

	private @Nullable Object invokeTarget(Method method, @Nullable Object[] args) throws Throwable {
		if (this.closed) {
			throw new SQLException("Connection is closed");
		}
		try {
			return method.invoke(this.target, args);
		}
		catch (InvocationTargetException ex) {
			throw ex.getTargetException();
		}
	}

}
