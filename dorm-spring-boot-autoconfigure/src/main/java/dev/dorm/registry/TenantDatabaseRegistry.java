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
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import dev.dorm.DatabaseBusyException;
import dev.dorm.DatabaseName;
import dev.dorm.DatabaseNotFoundException;
import dev.dorm.DormException;
import dev.dorm.DormSqlException;
import dev.dorm.MigrationFailedException;
import dev.dorm.UnknownDatabaseKindException;
import dev.dorm.registry.RegistryListener.CloseReason;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.sqlite.SQLiteConnection;

import org.springframework.core.log.LogMessage;
import org.springframework.util.Assert;

/**
 * Opens tenant databases on first use and keeps a bounded set of them open.
 * <p>
 * At most {@link RegistrySettings#getMaxOpen() maxOpen} databases are open at once:
 * opening one more closes the least recently used database that is not in use, and a
 * housekeeping thread, the only thread the registry starts, closes databases idle for
 * longer than the idle timeout. Concurrent first use of one database opens and
 * initializes it once. A database whose migration failed rejects calls with the same
 * {@link MigrationFailedException} until the retry interval has passed.
 *
 * @since 0.1.0
 */
public class TenantDatabaseRegistry implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(TenantDatabaseRegistry.class);

	private final RegistrySettings settings;

	private final DatabaseFiles files;

	private final Path realDataDirectory;

	private final SqliteConnectionFactory connectionFactory;

	private final DatabaseInitializer initializer;

	private final List<WriterConnectionListener> writerListeners;

	private final List<RegistryListener> registryListeners;

	private final DatabaseLocks locks;

	private final Set<String> kinds;

	private final Map<DatabaseName, OpenDatabase> open = new ConcurrentHashMap<>();

	private final Map<DatabaseName, FailedMigration> failures = new ConcurrentHashMap<>();

	private final Set<String> verifiedDirectories = ConcurrentHashMap.newKeySet();

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition changed = this.lock.newCondition();

	private final Set<DatabaseName> deleting = new HashSet<>();

	private final AtomicLong openings = new AtomicLong();

	private final AtomicLong evictions = new AtomicLong();

	private final ScheduledExecutorService housekeeper;

	private volatile int waiters;

	private int openCount;

	private int peakOpenCount;

	private volatile boolean closed;

	/**
	 * Create a registry and create its data directory if needed.
	 * @param settings the settings
	 * @param initializer brings each database to the current schema of its kind
	 * @throws IllegalArgumentException if a setting is out of range
	 * @throws UncheckedIOException if the data directory cannot be created
	 */
	public TenantDatabaseRegistry(RegistrySettings settings, DatabaseInitializer initializer) {
		this(settings, initializer, List.of());
	}

	/**
	 * Create a registry and create its data directory if needed.
	 * @param settings the settings
	 * @param initializer brings each database to the current schema of its kind
	 * @param writerListeners prepare the writer connection of each database
	 * @throws IllegalArgumentException if a setting is out of range
	 * @throws UncheckedIOException if the data directory cannot be created
	 */
	public TenantDatabaseRegistry(RegistrySettings settings, DatabaseInitializer initializer,
			List<WriterConnectionListener> writerListeners) {
		this(settings, initializer, writerListeners, List.of());
	}

	/**
	 * Create a registry and create its data directory if needed.
	 * @param settings the settings
	 * @param initializer brings each database to the current schema of its kind
	 * @param writerListeners prepare the writer connection of each database
	 * @param registryListeners receive the opening and closing of each database
	 * @throws IllegalArgumentException if a setting is out of range
	 * @throws UncheckedIOException if the data directory cannot be created
	 */
	public TenantDatabaseRegistry(RegistrySettings settings, DatabaseInitializer initializer,
			List<WriterConnectionListener> writerListeners, List<RegistryListener> registryListeners) {
		Assert.notNull(settings, "'settings' must not be null");
		Assert.notNull(initializer, "'initializer' must not be null");
		Assert.notNull(writerListeners, "'writerListeners' must not be null");
		Assert.notNull(registryListeners, "'registryListeners' must not be null");
		this.writerListeners = List.copyOf(writerListeners);
		this.registryListeners = List.copyOf(registryListeners);
		settings.validate();
		this.settings = settings;
		this.files = new DatabaseFiles(settings.getDataDirectory());
		this.realDataDirectory = createDataDirectory(this.files.dataDirectory());
		this.connectionFactory = new SqliteConnectionFactory(settings);
		this.initializer = initializer;
		this.locks = new DatabaseLocks(this.files);
		Set<String> kinds = new LinkedHashSet<>();
		kinds.add(settings.getDefaultKind());
		kinds.addAll(settings.getKinds());
		this.kinds = Collections.unmodifiableSet(kinds);
		this.housekeeper = Executors.newSingleThreadScheduledExecutor(this::newHousekeepingThread);
		long period = housekeepingPeriod(settings).toMillis();
		this.housekeeper.scheduleWithFixedDelay(this::closeIdle, period, period, TimeUnit.MILLISECONDS);
	}

	private static Path createDataDirectory(Path dataDirectory) {
		try {
			return Files.createDirectories(dataDirectory).toRealPath();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Failed to create the data directory '" + dataDirectory + "'", ex);
		}
	}

	private static Duration housekeepingPeriod(RegistrySettings settings) {
		Duration shortest = settings.getIdleTimeout().compareTo(settings.getReaderIdleTimeout()) < 0
				? settings.getIdleTimeout() : settings.getReaderIdleTimeout();
		long millis = Math.max(100, Math.min(30_000, shortest.toMillis() / 2));
		return Duration.ofMillis(millis);
	}

	private Thread newHousekeepingThread(Runnable task) {
		Thread thread = new Thread(task, "dorm-housekeeper");
		thread.setDaemon(true);
		return thread;
	}

	/**
	 * Return the files of the databases.
	 * @return the mapping from names to files
	 */
	public DatabaseFiles files() {
		return this.files;
	}

	/**
	 * Return the kind of names given without a kind.
	 * @return the default kind
	 */
	public String defaultKind() {
		return this.settings.getDefaultKind();
	}

	/**
	 * Return the kinds that may be used.
	 * @return the kinds, the default kind first
	 */
	public Set<String> kinds() {
		return this.kinds;
	}

	/**
	 * Parse a database name and check that its kind is configured.
	 * @param name a name such as {@code tenant:acme}, or a key of the default kind
	 * @return the validated name
	 */
	public DatabaseName parse(String name) {
		DatabaseName parsed = DatabaseName.parse(name, this.settings.getDefaultKind());
		checkKind(parsed);
		return parsed;
	}

	/**
	 * Check that the kind of a name is configured.
	 * @param name the name
	 * @throws UnknownDatabaseKindException if it is not
	 */
	public void checkKind(DatabaseName name) {
		if (!this.kinds.contains(name.kind())) {
			throw new UnknownDatabaseKindException(name.toString(), name.kind(), this.kinds);
		}
	}

	private void checkKind(String kind) {
		DatabaseName.validateKind(kind);
		if (!this.kinds.contains(kind)) {
			throw new UnknownDatabaseKindException(kind + ":", kind, this.kinds);
		}
	}

	/**
	 * Retain a database for one use, opening it if needed. The caller must call
	 * {@link OpenDatabase#release()} once done.
	 * @param name the database
	 * @return the retained database, opened
	 */
	OpenDatabase acquire(DatabaseName name) {
		OpenDatabase database = this.open.get(name);
		if (database != null && database.retain()) {
			return awaitOpened(database);
		}
		checkKind(name);
		throwIfMigrationFailed(name);
		long deadline = System.nanoTime() + this.settings.getAcquireTimeout().toNanos();
		while (true) {
			Slot slot = takeSlot(name, deadline);
			if (slot.victim() != null) {
				closeEvicted(slot.victim(), CloseReason.LRU);
			}
			else if (slot.created()) {
				return openNew(slot.database());
			}
			else {
				return awaitOpened(slot.database());
			}
		}
	}

	private Slot takeSlot(DatabaseName name, long deadline) {
		this.lock.lock();
		try {
			while (true) {
				Assert.state(!this.closed, "The tenant database registry is closed");
				if (!this.deleting.contains(name)) {
					OpenDatabase existing = this.open.get(name);
					if (existing != null && existing.retain()) {
						return new Slot(existing, false, null);
					}
					if (this.openCount < this.settings.getMaxOpen()) {
						return new Slot(register(name), true, null);
					}
					OpenDatabase victim = claimLeastRecentlyUsed();
					if (victim != null) {
						return new Slot(victim, false, victim);
					}
				}
				awaitChange(deadline, name);
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	private OpenDatabase register(DatabaseName name) {
		OpenDatabase database = new OpenDatabase(name, this.files.file(name), this);
		this.open.put(name, database);
		this.openCount++;
		this.peakOpenCount = Math.max(this.peakOpenCount, this.openCount);
		return database;
	}

	private @Nullable OpenDatabase claimLeastRecentlyUsed() {
		while (true) {
			OpenDatabase oldest = null;
			for (OpenDatabase candidate : this.open.values()) {
				if (!candidate.isRetained() && (oldest == null || candidate.lastUsed() < oldest.lastUsed())) {
					oldest = candidate;
				}
			}
			if (oldest == null) {
				return null;
			}
			if (oldest.claimForClose()) {
				this.open.remove(oldest.name(), oldest);
				return oldest;
			}
		}
	}

	private void awaitChange(long deadline, DatabaseName name) {
		long remaining = deadline - System.nanoTime();
		if (remaining <= 0) {
			throw new DatabaseBusyException(name.toString(),
					"Timed out after " + this.settings.getAcquireTimeout().toMillis() + " ms waiting to open database '"
							+ name + "' because all " + this.settings.getMaxOpen()
							+ " open databases are in use; raise 'dorm.max-open' or 'dorm.connection.acquire-timeout'");
		}
		this.waiters++;
		try {
			this.changed.awaitNanos(remaining);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new DormException(name.toString(), "Interrupted while waiting to open database '" + name + "'", ex);
		}
		finally {
			this.waiters--;
		}
	}

	private void signalChange() {
		this.lock.lock();
		try {
			this.changed.signalAll();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Called when a database is no longer retained by anyone.
	 */
	void databaseReleased() {
		if (this.waiters > 0) {
			signalChange();
		}
	}

	private OpenDatabase awaitOpened(OpenDatabase database) {
		try {
			database.pool();
			return database;
		}
		catch (RuntimeException ex) {
			database.release();
			throw ex;
		}
	}

	private OpenDatabase openNew(OpenDatabase database) {
		long start = System.nanoTime();
		try {
			boolean created = !Files.exists(database.file(), LinkOption.NOFOLLOW_LINKS);
			database.opened(openPool(database.name(), database.file()));
			this.openings.incrementAndGet();
			logger.debug(LogMessage.format("Opened database '%s'", database.name()));
			notifyOpened(database.name(), created, System.nanoTime() - start);
			return database;
		}
		catch (RuntimeException ex) {
			unregisterFailed(database);
			database.failed(ex);
			if (ex instanceof MigrationFailedException failure) {
				this.failures.put(database.name(), new FailedMigration(failure, System.nanoTime()));
			}
			throw ex;
		}
	}

	private void notifyOpened(DatabaseName name, boolean created, long nanos) {
		for (RegistryListener listener : this.registryListeners) {
			try {
				listener.databaseOpened(name, created, nanos);
			}
			catch (RuntimeException ex) {
				logger.warn(LogMessage.format("Registry listener failed on the opening of database '%s'", name), ex);
			}
		}
	}

	private void notifyClosed(DatabaseName name, CloseReason reason) {
		for (RegistryListener listener : this.registryListeners) {
			try {
				listener.databaseClosed(name, reason);
			}
			catch (RuntimeException ex) {
				logger.warn(LogMessage.format("Registry listener failed on the closing of database '%s'", name), ex);
			}
		}
	}

	private void unregisterFailed(OpenDatabase database) {
		this.lock.lock();
		try {
			this.open.remove(database.name(), database);
			this.openCount--;
			this.changed.signalAll();
		}
		finally {
			this.lock.unlock();
		}
	}

	private ConnectionPool openPool(DatabaseName name, Path file) {
		Connection writer = null;
		try {
			if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
				writer = this.connectionFactory.openWriter(file, name.kind(), false);
				initializeIfNeeded(name, writer);
			}
			else {
				verifyDirectory(name.kind());
				writer = this.locks.withLock(name, () -> createDatabase(name, file));
			}
			for (WriterConnectionListener listener : this.writerListeners) {
				listener.writerOpened(name, writer);
			}
			return new ConnectionPool(name, file, this.connectionFactory, writer, this.settings,
					(connection) -> writerClosing(name, connection));
		}
		catch (SQLException ex) {
			closeQuietly(writer);
			throw new DormSqlException(name.toString(), null, ex);
		}
		catch (RuntimeException ex) {
			closeQuietly(writer);
			throw ex;
		}
	}

	private void writerClosing(DatabaseName name, Connection writer) {
		for (WriterConnectionListener listener : this.writerListeners) {
			try {
				listener.writerClosing(name, writer);
			}
			catch (RuntimeException ex) {
				logger.warn(LogMessage.format("Failed to prepare the writer of database '%s' for closing", name), ex);
			}
		}
	}

	/**
	 * Tell the writer listeners that a statement is about to change the schema.
	 * @param name the database
	 * @param writer its writer connection, held by the current thread
	 * @throws SQLException if a listener fails
	 */
	void beforeSchemaChange(DatabaseName name, Connection writer) throws SQLException {
		for (WriterConnectionListener listener : this.writerListeners) {
			listener.beforeSchemaChange(name, writer);
		}
	}

	/**
	 * Tell the writer listeners that a statement changed the schema, or tried to.
	 * @param name the database
	 * @param writer its writer connection, held by the current thread
	 * @throws SQLException if a listener fails
	 */
	void afterSchemaChange(DatabaseName name, Connection writer) throws SQLException {
		for (WriterConnectionListener listener : this.writerListeners) {
			listener.afterSchemaChange(name, writer);
		}
	}

	private void initializeIfNeeded(DatabaseName name, Connection writer) throws SQLException {
		if (!this.initializer.isCurrent(name, writer)) {
			this.locks.withLock(name, () -> {
				this.initializer.initialize(name, writer);
				return null;
			});
		}
	}

	private Connection createDatabase(DatabaseName name, Path file) throws SQLException {
		boolean existed = Files.exists(file, LinkOption.NOFOLLOW_LINKS);
		if (!existed) {
			boolean copied = this.initializer.create(name, file, new TemplateConnector(name.kind()));
			logger.info(LogMessage.format("Created database '%s'%s", name, copied ? " from a template" : ""));
		}
		Connection writer = this.connectionFactory.openWriter(file, name.kind(), true);
		try {
			if (!this.initializer.isCurrent(name, writer)) {
				this.initializer.initialize(name, writer);
			}
			return writer;
		}
		catch (MigrationFailedException ex) {
			closeQuietly(writer);
			if (existed) {
				throw ex;
			}
			deleteFiles(file);
			throw new MigrationFailedException(name.toString(), ex.getVersion(), null, ex.getSqliteMessage(),
					ex.getCause());
		}
		catch (SQLException | RuntimeException ex) {
			closeQuietly(writer);
			throw ex;
		}
	}

	private void verifyDirectory(String kind) {
		if (this.verifiedDirectories.contains(kind)) {
			return;
		}
		Path directory = this.files.directory(kind);
		try {
			Path real = Files.createDirectories(directory).toRealPath();
			Assert.state(real.startsWith(this.realDataDirectory), () -> "The folder of kind '" + kind
					+ "' resolves to '" + real + "', outside the data directory '" + this.realDataDirectory + "'");
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Failed to create the folder '" + directory + "'", ex);
		}
		this.verifiedDirectories.add(kind);
	}

	private void throwIfMigrationFailed(DatabaseName name) {
		FailedMigration failure = this.failures.get(name);
		if (failure == null) {
			return;
		}
		if (System.nanoTime() - failure.time() < this.settings.getMigrationRetryInterval().toNanos()) {
			MigrationFailedException ex = failure.exception();
			throw new MigrationFailedException(name.toString(), ex.getVersion(), ex.getCurrentVersion(),
					ex.getSqliteMessage(), ex.getCause());
		}
		this.failures.remove(name, failure);
	}

	/**
	 * Return the migration failure that makes a database reject calls.
	 * @param name the database
	 * @return the failure, or {@code null} if its last migration did not fail
	 */
	public @Nullable MigrationFailedException getMigrationFailure(DatabaseName name) {
		FailedMigration failure = this.failures.get(name);
		return (failure != null) ? failure.exception() : null;
	}

	/**
	 * Forget a migration failure so that the next call tries the migration again.
	 * @param name the database
	 */
	public void clearMigrationFailure(DatabaseName name) {
		this.failures.remove(name);
	}

	/**
	 * Return the migration failures of every database whose last migration failed. A
	 * failure stays here after its retry interval has passed, until the database is
	 * deleted or its migration is tried again by its next use or by
	 * {@link #migrate(DatabaseName)}.
	 * @return the failures by database, in name order
	 */
	public Map<DatabaseName, MigrationFailedException> getMigrationFailures() {
		Map<DatabaseName, MigrationFailedException> failures = new TreeMap<>();
		this.failures.forEach((name, failure) -> failures.put(name, failure.exception()));
		return Collections.unmodifiableMap(failures);
	}

	/**
	 * Migrate an existing database now, even if its last migration failed less than the
	 * retry interval ago. A database that is not open is migrated on a connection of its
	 * own under the database's lock and stays closed, so this takes no slot among the
	 * open databases. An open database was migrated when it was opened, so it is left as
	 * it is. A failure is recorded as on an open, so calls to the database fail with it
	 * for the retry interval.
	 * @param name the database
	 * @return {@code true} if a migration ran, {@code false} if the database was already
	 * current
	 * @throws DatabaseNotFoundException if the database has no file
	 * @throws MigrationFailedException if a migration fails
	 */
	public boolean migrate(DatabaseName name) {
		checkKind(name);
		Assert.state(!this.closed, "The tenant database registry is closed");
		this.failures.remove(name);
		if (isOpen(name)) {
			return false;
		}
		Path file = this.files.file(name);
		if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
			throw new DatabaseNotFoundException(name.toString());
		}
		try {
			return this.locks.withLock(name, () -> migrateClosed(name, file));
		}
		catch (MigrationFailedException ex) {
			this.failures.put(name, new FailedMigration(ex, System.nanoTime()));
			throw ex;
		}
		catch (SQLException ex) {
			throw new DormSqlException(name.toString(), null, ex);
		}
	}

	private boolean migrateClosed(DatabaseName name, Path file) throws SQLException {
		try (Connection writer = this.connectionFactory.openWriter(file, name.kind(), false)) {
			if (this.initializer.isCurrent(name, writer)) {
				return false;
			}
			this.initializer.initialize(name, writer);
			return true;
		}
	}

	private void closeEvicted(OpenDatabase database, CloseReason reason) {
		try {
			boolean opened = database.isOpened();
			if (opened) {
				database.pool().close();
			}
			this.evictions.incrementAndGet();
			logger.debug(LogMessage.format("Closed database '%s' (%s)", database.name(),
					reason.name().toLowerCase(Locale.ROOT)));
			if (opened) {
				notifyClosed(database.name(), reason);
			}
		}
		finally {
			this.lock.lock();
			try {
				this.openCount--;
				this.changed.signalAll();
			}
			finally {
				this.lock.unlock();
			}
		}
	}

	/**
	 * Close databases that were not used for the idle timeout, and reader connections
	 * that were idle for the reader idle timeout. The housekeeping thread calls this
	 * periodically.
	 */
	public void closeIdle() {
		try {
			long now = System.nanoTime();
			for (OpenDatabase database : claimIdle(now - this.settings.getIdleTimeout().toNanos())) {
				closeEvicted(database, CloseReason.IDLE);
			}
			long readerIdle = this.settings.getReaderIdleTimeout().toNanos();
			for (OpenDatabase database : this.open.values()) {
				if (database.isOpened()) {
					database.pool().closeIdleReaders(readerIdle);
				}
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Failed to close idle databases", ex);
		}
	}

	private List<OpenDatabase> claimIdle(long usedBefore) {
		List<OpenDatabase> idle = new ArrayList<>();
		this.lock.lock();
		try {
			for (OpenDatabase database : this.open.values()) {
				if (database.lastUsed() - usedBefore <= 0 && database.claimForClose()) {
					this.open.remove(database.name(), database);
					idle.add(database);
				}
			}
		}
		finally {
			this.lock.unlock();
		}
		return idle;
	}

	/**
	 * Close one database now if it is open and not in use. The next call that uses it
	 * opens it again.
	 * @param name the database
	 * @return whether it was closed
	 */
	public boolean close(DatabaseName name) {
		OpenDatabase database;
		this.lock.lock();
		try {
			database = this.open.get(name);
			if (database == null || !database.claimForClose()) {
				return false;
			}
			this.open.remove(name, database);
		}
		finally {
			this.lock.unlock();
		}
		closeEvicted(database, CloseReason.CLOSED);
		return true;
	}

	/**
	 * List the databases of one kind that have a file, in name order.
	 * @param kind the kind
	 * @return the names
	 */
	public List<DatabaseName> list(String kind) {
		checkKind(kind);
		return this.files.list(kind);
	}

	/**
	 * Return whether a database has a file.
	 * @param name the database
	 * @return whether it exists
	 */
	public boolean exists(DatabaseName name) {
		checkKind(name);
		return Files.exists(this.files.file(name), LinkOption.NOFOLLOW_LINKS);
	}

	/**
	 * Return the size of a database on disk, its write-ahead log included.
	 * @param name the database
	 * @return the size in bytes, or 0 if it does not exist
	 */
	public long size(DatabaseName name) {
		checkKind(name);
		Path file = this.files.file(name);
		return sizeOf(file) + sizeOf(DatabaseFiles.companions(file).get(0));
	}

	private static long sizeOf(Path file) {
		try {
			return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) ? Files.size(file) : 0;
		}
		catch (IOException ex) {
			return 0;
		}
	}

	/**
	 * Return whether a database is open.
	 * @param name the database
	 * @return whether it is open
	 */
	public boolean isOpen(DatabaseName name) {
		OpenDatabase database = this.open.get(name);
		return database != null && database.isOpened();
	}

	/**
	 * Return when an open database was last used: when its last caller finished with it,
	 * or when it was opened.
	 * @param name the database
	 * @return the time of its last use, or {@code null} if it is not open
	 */
	public @Nullable Instant getLastUsed(DatabaseName name) {
		OpenDatabase database = this.open.get(name);
		if (database == null || !database.isOpened()) {
			return null;
		}
		long idleNanos = Math.max(0, System.nanoTime() - database.lastUsed());
		return Instant.now().minusNanos(idleNanos);
	}

	/**
	 * Return the number of open databases, including those being opened or closed.
	 * @return the number of open databases
	 */
	public int getOpenCount() {
		this.lock.lock();
		try {
			return this.openCount;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Return the highest number of databases that were open at once.
	 * @return the peak number of open databases
	 */
	public int getPeakOpenCount() {
		this.lock.lock();
		try {
			return this.peakOpenCount;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Return the maximum number of open databases.
	 * @return the maximum number of open databases
	 */
	public int getMaxOpen() {
		return this.settings.getMaxOpen();
	}

	/**
	 * Return how many times a database was opened.
	 * @return the number of openings
	 */
	public long getOpenings() {
		return this.openings.get();
	}

	/**
	 * Return how many times a database was closed for being idle or least recently used.
	 * @return the number of evictions
	 */
	public long getEvictions() {
		return this.evictions.get();
	}

	/**
	 * Close a database and delete its files. Waits up to the acquire timeout for current
	 * users to finish.
	 * @param name the database
	 * @return whether a file was deleted
	 */
	public boolean delete(DatabaseName name) {
		checkKind(name);
		OpenDatabase database = startDeleting(name);
		try {
			if (database != null) {
				closeForDelete(database);
			}
			this.failures.remove(name);
			return this.locks.withLock(name, () -> deleteFiles(this.files.file(name)));
		}
		catch (SQLException ex) {
			throw new DormSqlException(name.toString(), null, ex);
		}
		finally {
			this.lock.lock();
			try {
				this.deleting.remove(name);
				this.changed.signalAll();
			}
			finally {
				this.lock.unlock();
			}
		}
	}

	private @Nullable OpenDatabase startDeleting(DatabaseName name) {
		long deadline = System.nanoTime() + this.settings.getAcquireTimeout().toNanos();
		this.lock.lock();
		try {
			while (this.deleting.contains(name)) {
				awaitChange(deadline, name);
			}
			this.deleting.add(name);
			return this.open.remove(name);
		}
		finally {
			this.lock.unlock();
		}
	}

	private void closeForDelete(OpenDatabase database) {
		long deadline = System.nanoTime() + this.settings.getAcquireTimeout().toNanos();
		this.lock.lock();
		try {
			while (!database.claimForClose()) {
				if (deadline - System.nanoTime() <= 0) {
					this.open.putIfAbsent(database.name(), database);
					throw new DatabaseBusyException(database.name().toString(),
							"Timed out after " + this.settings.getAcquireTimeout().toMillis()
									+ " ms waiting for database '" + database.name()
									+ "' to be no longer in use before deleting it");
				}
				awaitChange(deadline, database.name());
			}
		}
		finally {
			this.lock.unlock();
		}
		closeEvicted(database, CloseReason.DELETED);
	}

	private static boolean deleteFiles(Path file) {
		try {
			for (Path companion : DatabaseFiles.companions(file)) {
				Files.deleteIfExists(companion);
			}
			return Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Failed to delete '" + file + "'", ex);
		}
	}

	/**
	 * Copy a database to a new file while it stays in use. The copy is taken in one read
	 * transaction, so it holds every transaction committed before it began and none
	 * after, and writers are not blocked meanwhile.
	 * @param name the database
	 * @param target the file to create; it must not exist
	 * @throws DatabaseNotFoundException if the database does not exist
	 */
	public void backup(DatabaseName name, Path target) {
		Assert.notNull(target, "'target' must not be null");
		Path destination = target.toAbsolutePath().normalize();
		if (Files.exists(destination, LinkOption.NOFOLLOW_LINKS)) {
			throw new DormException(name.toString(),
					"Backup target '" + destination + "' already exists; choose a file that does not exist");
		}
		if (!isOpen(name) && !exists(name)) {
			throw new DatabaseNotFoundException(name.toString());
		}
		if (!isOpen(name) && this.failures.containsKey(name)) {
			backupWithoutOpening(name, destination);
			return;
		}
		OpenDatabase database = acquire(name);
		try {
			ConnectionPool pool = database.pool();
			Connection connection = pool.acquireReader();
			try {
				copyTo(name, connection, destination);
			}
			finally {
				pool.release(connection);
			}
		}
		finally {
			database.release();
		}
	}

	/**
	 * Back up a database that cannot be opened because its migration failed, through a
	 * read-only connection of its own, so that an operator can keep a copy before fixing
	 * it.
	 */
	private void backupWithoutOpening(DatabaseName name, Path destination) {
		try (Connection connection = this.connectionFactory.openReader(this.files.file(name), name.kind())) {
			copyTo(name, connection, destination);
		}
		catch (SQLException ex) {
			throw new DormSqlException(name.toString(), null, ex);
		}
	}

	private void copyTo(DatabaseName name, Connection connection, Path destination) {
		Path temporary = destination.resolveSibling(destination.getFileName() + "." + UUID.randomUUID() + ".tmp");
		try {
			int result = ((SQLiteConnection) connection).getDatabase()
				.backup("main", temporary.toString(), null, 100, 50, -1);
			if (result != 0) {
				throw new DormException(name.toString(),
						"Backup of database '" + name + "' failed with SQLite result code " + result);
			}
			Files.createLink(destination, temporary);
		}
		catch (FileAlreadyExistsException ex) {
			throw new DormException(name.toString(),
					"Backup target '" + destination + "' already exists; choose a file that does not exist", ex);
		}
		catch (SQLException ex) {
			throw new DormSqlException(name.toString(), null, ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Failed to write backup '" + destination + "'", ex);
		}
		finally {
			deleteFiles(temporary);
		}
	}

	/**
	 * Close every database and stop the housekeeping thread.
	 */
	@Override
	public void close() {
		List<OpenDatabase> databases;
		this.lock.lock();
		try {
			if (this.closed) {
				return;
			}
			this.closed = true;
			databases = new ArrayList<>(this.open.values());
			this.open.clear();
			this.changed.signalAll();
		}
		finally {
			this.lock.unlock();
		}
		this.housekeeper.shutdownNow();
		for (OpenDatabase database : databases) {
			if (database.isOpened()) {
				database.pool().close();
			}
		}
		this.locks.close();
	}

	private static void closeQuietly(@Nullable Connection connection) {
		if (connection != null) {
			try {
				connection.close();
			}
			catch (SQLException ex) {
				logger.debug("Failed to close a connection", ex);
			}
		}
	}

	private record Slot(OpenDatabase database, boolean created, @Nullable OpenDatabase victim) {
	}

	private record FailedMigration(MigrationFailedException exception, long time) {
	}

	/**
	 * Opens template connections with the writer settings of a kind and lets the writer
	 * listeners add their tables to a migrated template.
	 */
	private final class TemplateConnector implements DatabaseInitializer.Connector {

		private final String kind;

		TemplateConnector(String kind) {
			this.kind = kind;
		}

		@Override
		public Connection open(Path file) throws SQLException {
			return TenantDatabaseRegistry.this.connectionFactory.openWriter(file, this.kind, true);
		}

		@Override
		public void templateMigrated(String kind, Connection connection) throws SQLException {
			for (WriterConnectionListener listener : TenantDatabaseRegistry.this.writerListeners) {
				listener.templateMigrated(kind, connection);
			}
		}

	}

}
