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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

import dev.dorm.DatabaseName;

/**
 * Serializes the creation and migration of each database, within this process and across
 * processes that share the data directory.
 * <p>
 * Each kind has one lock file, {@code .dorm.lock}, in its folder. A database maps to one
 * of {@value #STRIPES} stripes by the hash of its key; the stripe is a lock within the
 * JVM and a one-byte range lock in the lock file. The lock file is separate from the
 * database files because closing any descriptor of a file drops every POSIX lock the
 * process holds on it, including SQLite's own.
 */
final class DatabaseLocks implements AutoCloseable {

	static final String LOCK_FILE_NAME = ".dorm.lock";

	private static final int STRIPES = 1024;

	/**
	 * Stripe locks shared by every registry in the JVM, because the JVM holds file locks
	 * for the whole process and rejects overlapping ones with
	 * {@link java.nio.channels.OverlappingFileLockException}, even from two registries on
	 * the same folder.
	 */
	private static final ReentrantLock[] stripes = new ReentrantLock[STRIPES];

	static {
		for (int i = 0; i < STRIPES; i++) {
			stripes[i] = new ReentrantLock();
		}
	}

	private final DatabaseFiles files;

	private final Map<String, FileChannel> channels = new ConcurrentHashMap<>();

	DatabaseLocks(DatabaseFiles files) {
		this.files = files;
	}

	/**
	 * Run an action while holding the lock of one database.
	 * @param <T> the type of the result
	 * @param name the database
	 * @param action the action
	 * @return the result of the action
	 * @throws SQLException if the action fails with one
	 */
	<T> T withLock(DatabaseName name, LockedAction<T> action) throws SQLException {
		int stripe = Math.floorMod(name.key().hashCode(), STRIPES);
		ReentrantLock lock = stripes[stripe];
		lock.lock();
		try (FileLock fileLock = lockFile(name.kind(), stripe)) {
			return action.run();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Failed to lock database '" + name + "'", ex);
		}
		finally {
			lock.unlock();
		}
	}

	private FileLock lockFile(String kind, int stripe) throws IOException {
		FileChannel channel = this.channels.compute(kind, (key, existing) -> {
			if (existing != null && existing.isOpen()) {
				return existing;
			}
			return openChannel(this.files.directory(key).resolve(LOCK_FILE_NAME));
		});
		return channel.lock(stripe, 1, false);
	}

	private static FileChannel openChannel(Path lockFile) {
		try {
			return FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Failed to open the lock file '" + lockFile + "'", ex);
		}
	}

	/**
	 * An action that runs under a database's lock.
	 *
	 * @param <T> the type of the result
	 */
	@FunctionalInterface
	interface LockedAction<T> {

		T run() throws SQLException;

	}

	@Override
	public void close() {
		for (FileChannel channel : this.channels.values()) {
			try {
				channel.close();
			}
			catch (IOException ex) {
				// Closing the channel releases its range locks, which is all it is used
				// for
			}
		}
		this.channels.clear();
	}

}
