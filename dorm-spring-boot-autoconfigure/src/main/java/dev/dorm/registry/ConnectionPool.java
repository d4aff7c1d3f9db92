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
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import dev.dorm.DatabaseBusyException;
import dev.dorm.DatabaseName;
import dev.dorm.DormException;
import dev.dorm.DormSqlException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.log.LogMessage;
import org.springframework.util.Assert;

/**
 * The connections of one open database: a single writer, owned by one caller at a time,
 * and up to a configured number of read-only connections that are opened only while the
 * writer is busy and closed again when idle. It starts no threads.
 */
final class ConnectionPool {

	private static final Log logger = LogFactory.getLog(ConnectionPool.class);

	private final DatabaseName name;

	private final Path file;

	private final SqliteConnectionFactory factory;

	private final Connection writer;

	private final WriterLock writerLock = new WriterLock();

	private final List<AutoCloseable> writerResources = new ArrayList<>();

	private final StatementCache writerStatements;

	private final Consumer<Connection> writerClosing;

	private final Map<Connection, StatementCache> readerStatements = new ConcurrentHashMap<>();

	private final int statementCacheSize;

	private final int maxReaders;

	private final Semaphore readerPermits;

	private final Deque<IdleReader> idleReaders = new ConcurrentLinkedDeque<>();

	private final long acquireTimeoutNanos;

	private volatile boolean closed;

	ConnectionPool(DatabaseName name, Path file, SqliteConnectionFactory factory, Connection writer,
			RegistrySettings settings, Consumer<Connection> writerClosing) {
		this.writerClosing = writerClosing;
		this.name = name;
		this.file = file;
		this.factory = factory;
		this.writer = writer;
		this.maxReaders = settings.getMaxReaders();
		this.readerPermits = new Semaphore(this.maxReaders);
		this.acquireTimeoutNanos = settings.getAcquireTimeout().toNanos();
		this.statementCacheSize = settings.getStatementCacheSize();
		this.writerStatements = new StatementCache(this.statementCacheSize);
	}

	/**
	 * Take the writer connection, waiting up to the acquire timeout. A thread that
	 * already holds it gets it again.
	 * @return the writer connection
	 */
	Connection acquireWriter() {
		try {
			if (this.writerLock.acquire(this.acquireTimeoutNanos)) {
				return this.writer;
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new DormException(this.name.toString(),
					"Interrupted while waiting for the writer connection of database '" + this.name + "'", ex);
		}
		throw new DatabaseBusyException(this.name.toString(),
				"Timed out after " + TimeUnit.NANOSECONDS.toMillis(this.acquireTimeoutNanos)
						+ " ms waiting for the writer connection of database '" + this.name
						+ "'; shorten long transactions or raise 'dorm.connection.acquire-timeout'");
	}

	/**
	 * Take a connection for a statement that only reads: the writer if this thread holds
	 * it or nobody wants it, otherwise a reader.
	 * @return a connection to release with {@link #release(Connection)}
	 */
	Connection acquireForRead() {
		if (this.maxReaders == 0) {
			return acquireWriter();
		}
		if (this.writerLock.tryAcquireIfUncontended()) {
			return this.writer;
		}
		return acquireReader();
	}

	/**
	 * Take a read-only connection for a long read, such as a cursor, that should not hold
	 * the writer. A thread that holds the writer gets the writer, so that it reads its
	 * own uncommitted changes.
	 * @return a connection to release with {@link #release(Connection)}
	 */
	Connection acquireReader() {
		if (this.maxReaders == 0 || this.writerLock.isHeldByCurrentThread()) {
			return acquireWriter();
		}
		acquireReaderPermit();
		try {
			IdleReader idle = this.idleReaders.pollFirst();
			if (idle != null) {
				return idle.connection();
			}
			Connection reader = this.factory.openReader(this.file, this.name.kind());
			this.readerStatements.put(reader, new StatementCache(this.statementCacheSize));
			return reader;
		}
		catch (SQLException ex) {
			this.readerPermits.release();
			throw new DormSqlException(this.name.toString(), null, ex);
		}
	}

	private void acquireReaderPermit() {
		try {
			if (this.readerPermits.tryAcquire(this.acquireTimeoutNanos, TimeUnit.NANOSECONDS)) {
				return;
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new DormException(this.name.toString(),
					"Interrupted while waiting for a reader connection of database '" + this.name + "'", ex);
		}
		throw new DatabaseBusyException(this.name.toString(),
				"Timed out after " + TimeUnit.NANOSECONDS.toMillis(this.acquireTimeoutNanos)
						+ " ms waiting for a reader connection of database '" + this.name
						+ "'; close open cursors or raise 'dorm.connection.max-readers'");
	}

	/**
	 * Return the prepared statement cache of a connection of this pool. Only the caller
	 * that holds the connection may use it.
	 * @param connection a connection taken from this pool
	 * @return its statement cache
	 */
	StatementCache statementsOf(Connection connection) {
		if (connection == this.writer) {
			return this.writerStatements;
		}
		StatementCache statements = this.readerStatements.get(connection);
		Assert.state(statements != null, "Connection does not belong to this pool");
		return statements;
	}

	/**
	 * Return whether the given connection is the writer.
	 * @param connection a connection of this pool
	 * @return whether it is the writer
	 */
	boolean isWriter(Connection connection) {
		return connection == this.writer;
	}

	/**
	 * Return whether the current thread holds the writer.
	 * @return whether the current thread holds the writer
	 */
	boolean isWriterHeldByCurrentThread() {
		return this.writerLock.isHeldByCurrentThread();
	}

	/**
	 * Register a resource, such as an open cursor, that uses the writer and must be
	 * closed before the writer is handed to another caller. The current thread must hold
	 * the writer.
	 * @param resource the resource
	 */
	void closeWithWriter(AutoCloseable resource) {
		this.writerResources.add(resource);
	}

	/**
	 * Release a connection taken from this pool.
	 * @param connection the connection
	 */
	void release(Connection connection) {
		if (connection == this.writer) {
			releaseWriter();
		}
		else {
			releaseReader(connection);
		}
	}

	private void releaseWriter() {
		if (this.writerLock.isLastHold()) {
			closeWriterResources();
			endTransaction(this.writer);
		}
		this.writerLock.release();
	}

	private void closeWriterResources() {
		List<AutoCloseable> resources = new ArrayList<>(this.writerResources);
		this.writerResources.clear();
		for (AutoCloseable resource : resources) {
			try {
				resource.close();
			}
			catch (Exception ex) {
				logger.debug(LogMessage.format("Failed to close a resource of database '%s'", this.name), ex);
			}
		}
	}

	private void releaseReader(Connection reader) {
		endTransaction(reader);
		if (this.closed) {
			closeQuietly(reader);
		}
		else {
			this.idleReaders.offerFirst(new IdleReader(reader, System.nanoTime()));
		}
		this.readerPermits.release();
	}

	private void endTransaction(Connection connection) {
		try {
			if (connection.getAutoCommit()) {
				return;
			}
		}
		catch (SQLException ex) {
			logger.warn(LogMessage.format("Failed to read the transaction state of database '%s'", this.name), ex);
			return;
		}
		try {
			connection.rollback();
			logger.warn(LogMessage.format("Rolled back a transaction left open on database '%s'", this.name));
		}
		catch (SQLException ex) {
			// The transaction never began, for example because BEGIN IMMEDIATE timed out
			logger.debug(LogMessage.format("No open transaction to roll back on database '%s'", this.name), ex);
		}
		resetAutoCommit(connection);
	}

	/**
	 * Turn autocommit on again. sqlite-jdbc sets the flag before it sends COMMIT, so the
	 * flag is reset even when the COMMIT fails for lack of a transaction.
	 */
	private void resetAutoCommit(Connection connection) {
		try {
			connection.setAutoCommit(true);
		}
		catch (SQLException ex) {
			logger.debug(LogMessage.format("No transaction to end on database '%s'", this.name), ex);
		}
		try {
			if (!connection.getAutoCommit()) {
				logger.warn(LogMessage.format("Failed to turn autocommit on again for database '%s'", this.name));
			}
		}
		catch (SQLException ex) {
			logger.warn(LogMessage.format("Failed to read the transaction state of database '%s'", this.name), ex);
		}
	}

	/**
	 * Close reader connections that have been idle for at least the given time.
	 * @param idleNanos the idle time in nanoseconds
	 * @return the number of readers closed
	 */
	int closeIdleReaders(long idleNanos) {
		int count = 0;
		long now = System.nanoTime();
		IdleReader oldest = this.idleReaders.peekLast();
		while (oldest != null && now - oldest.since() >= idleNanos && this.idleReaders.removeLastOccurrence(oldest)) {
			closeQuietly(oldest.connection());
			count++;
			oldest = this.idleReaders.peekLast();
		}
		return count;
	}

	/**
	 * Return the number of reader connections that are open and idle.
	 * @return the number of idle readers
	 */
	int idleReaderCount() {
		return this.idleReaders.size();
	}

	/**
	 * Return whether any connection is taken.
	 * @return whether the pool is in use
	 */
	boolean isInUse() {
		return this.writerLock.isLocked() || this.readerPermits.availablePermits() < this.maxReaders;
	}

	/**
	 * Close every connection. Callers must make sure no connection is taken.
	 */
	void close() {
		this.closed = true;
		IdleReader idle;
		while ((idle = this.idleReaders.pollFirst()) != null) {
			closeQuietly(idle.connection());
		}
		this.writerClosing.accept(this.writer);
		closeQuietly(this.writer);
	}

	private void closeQuietly(Connection connection) {
		StatementCache statements = (connection == this.writer) ? this.writerStatements
				: this.readerStatements.remove(connection);
		if (statements != null) {
			statements.clear();
		}
		try {
			connection.close();
		}
		catch (SQLException ex) {
			logger.warn(LogMessage.format("Failed to close a connection of database '%s'", this.name), ex);
		}
	}

	private record IdleReader(Connection connection, long since) {
	}

}
