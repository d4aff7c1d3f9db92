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

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;

import dev.dorm.DatabaseName;
import dev.dorm.DormException;

/**
 * One database in the registry's set of open databases. Callers retain it while they use
 * its connections; the registry closes it only when no caller retains it.
 */
final class OpenDatabase {

	private static final int CLOSED = -1;

	private final DatabaseName name;

	private final Path file;

	private final TenantDatabaseRegistry registry;

	private final AtomicInteger retained = new AtomicInteger(1);

	private final CompletableFuture<ConnectionPool> pool = new CompletableFuture<>();

	private volatile long lastUsed = System.nanoTime();

	OpenDatabase(DatabaseName name, Path file, TenantDatabaseRegistry registry) {
		this.name = name;
		this.file = file;
		this.registry = registry;
	}

	DatabaseName name() {
		return this.name;
	}

	Path file() {
		return this.file;
	}

	/**
	 * Retain this database for one use.
	 * @return whether it was retained; {@code false} if it is being closed
	 */
	boolean retain() {
		int count;
		do {
			count = this.retained.get();
			if (count == CLOSED) {
				return false;
			}
		}
		while (!this.retained.compareAndSet(count, count + 1));
		return true;
	}

	/**
	 * End one use started by {@link #retain()}.
	 */
	void release() {
		this.lastUsed = System.nanoTime();
		if (this.retained.decrementAndGet() == 0) {
			this.registry.databaseReleased();
		}
	}

	/**
	 * Mark this database as closing if no caller retains it.
	 * @return whether it was marked
	 */
	boolean claimForClose() {
		return this.retained.compareAndSet(0, CLOSED);
	}

	boolean isRetained() {
		return this.retained.get() > 0;
	}

	long lastUsed() {
		return this.lastUsed;
	}

	void opened(ConnectionPool pool) {
		this.pool.complete(pool);
	}

	void failed(RuntimeException ex) {
		this.pool.completeExceptionally(ex);
	}

	boolean isOpened() {
		return this.pool.isDone() && !this.pool.isCompletedExceptionally();
	}

	/**
	 * Return the connections, waiting while another thread opens the database.
	 * @return the connections
	 * @throws DormException if opening failed
	 */
	ConnectionPool pool() {
		ConnectionPool ready = this.pool.getNow(null);
		if (ready != null) {
			return ready;
		}
		try {
			return this.pool.join();
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof RuntimeException cause) {
				throw cause;
			}
			throw new DormException(this.name.toString(), "Failed to open database '" + this.name + "'", ex.getCause());
		}
	}

}
