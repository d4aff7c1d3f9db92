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
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import dev.dorm.DatabaseName;

import org.springframework.util.Assert;

/**
 * Settings of a {@link TenantDatabaseRegistry}. The defaults suit a few hundred busy
 * tenants on one machine; the Spring Boot auto-configuration fills them from the
 * {@code dorm.*} properties.
 *
 * @since 0.1.0
 */
public class RegistrySettings {

	/**
	 * Default maximum size of one database: 10 GB.
	 */
	public static final long DEFAULT_MAX_SIZE = 10L * 1024 * 1024 * 1024;

	private Path dataDirectory = Path.of("data");

	private String defaultKind = "tenant";

	private Set<String> kinds = new LinkedHashSet<>();

	private int maxOpen = 256;

	private Duration idleTimeout = Duration.ofMinutes(10);

	private long maxSize = DEFAULT_MAX_SIZE;

	private Map<String, Long> maxSizeByKind = new LinkedHashMap<>();

	private Duration busyTimeout = Duration.ofSeconds(5);

	private Duration acquireTimeout = Duration.ofSeconds(30);

	private int maxReaders = 2;

	private Duration readerIdleTimeout = Duration.ofSeconds(30);

	private Synchronous synchronous = Synchronous.NORMAL;

	private long journalSizeLimit = 64L * 1024 * 1024;

	private Duration migrationRetryInterval = Duration.ofMinutes(1);

	private int statementCacheSize = 64;

	private long maxValueSize = 64L * 1024 * 1024;

	/**
	 * Return the folder that contains one sub-folder of database files per kind.
	 * @return the data directory
	 */
	public Path getDataDirectory() {
		return this.dataDirectory;
	}

	/**
	 * Set the folder that contains one sub-folder of database files per kind. Nothing
	 * outside it is created, opened or deleted. Default is {@code ./data}.
	 * @param dataDirectory the data directory
	 */
	public void setDataDirectory(Path dataDirectory) {
		this.dataDirectory = dataDirectory;
	}

	/**
	 * Return the kind of names given without a kind.
	 * @return the default kind
	 */
	public String getDefaultKind() {
		return this.defaultKind;
	}

	/**
	 * Set the kind of names given without a kind. Default is {@code tenant}.
	 * @param defaultKind the default kind
	 */
	public void setDefaultKind(String defaultKind) {
		this.defaultKind = defaultKind;
	}

	/**
	 * Return the kinds that may be used besides the default kind.
	 * @return the kinds
	 */
	public Set<String> getKinds() {
		return this.kinds;
	}

	/**
	 * Set the kinds that may be used besides the default kind. A name of any other kind
	 * is rejected.
	 * @param kinds the kinds
	 */
	public void setKinds(Set<String> kinds) {
		this.kinds = new LinkedHashSet<>(kinds);
	}

	/**
	 * Return the maximum number of databases open at once.
	 * @return the maximum number of open databases
	 */
	public int getMaxOpen() {
		return this.maxOpen;
	}

	/**
	 * Set the maximum number of databases open at once. Opening one more closes the least
	 * recently used database that is not in use. Each open database keeps three file
	 * descriptors for its writer connection. Default is 256.
	 * @param maxOpen the maximum number of open databases
	 */
	public void setMaxOpen(int maxOpen) {
		this.maxOpen = maxOpen;
	}

	/**
	 * Return how long a database stays open without being used.
	 * @return the idle timeout
	 */
	public Duration getIdleTimeout() {
		return this.idleTimeout;
	}

	/**
	 * Set how long a database stays open without being used. Default is 10 minutes.
	 * @param idleTimeout the idle timeout
	 */
	public void setIdleTimeout(Duration idleTimeout) {
		this.idleTimeout = idleTimeout;
	}

	/**
	 * Return the maximum size of a database file in bytes.
	 * @return the maximum size
	 */
	public long getMaxSize() {
		return this.maxSize;
	}

	/**
	 * Set the maximum size of a database file in bytes, enforced by SQLite's
	 * {@code max_page_count}: a full database rejects writes and stays readable. Default
	 * is 10 GB.
	 * @param maxSize the maximum size in bytes
	 */
	public void setMaxSize(long maxSize) {
		this.maxSize = maxSize;
	}

	/**
	 * Return the maximum sizes that differ from {@link #getMaxSize()} by kind.
	 * @return the maximum sizes in bytes by kind
	 */
	public Map<String, Long> getMaxSizeByKind() {
		return this.maxSizeByKind;
	}

	/**
	 * Set the maximum sizes that differ from {@link #getMaxSize()} by kind.
	 * @param maxSizeByKind the maximum sizes in bytes by kind
	 */
	public void setMaxSizeByKind(Map<String, Long> maxSizeByKind) {
		this.maxSizeByKind = new LinkedHashMap<>(maxSizeByKind);
	}

	/**
	 * Return how long SQLite waits for a lock held by another process.
	 * @return the busy timeout
	 */
	public Duration getBusyTimeout() {
		return this.busyTimeout;
	}

	/**
	 * Set how long SQLite waits for a lock held by another connection, such as one in
	 * another process, before it fails with {@code SQLITE_BUSY}. Default is 5 seconds.
	 * @param busyTimeout the busy timeout
	 */
	public void setBusyTimeout(Duration busyTimeout) {
		this.busyTimeout = busyTimeout;
	}

	/**
	 * Return how long a call waits for a connection of a database, or for a free slot
	 * among the open databases.
	 * @return the acquire timeout
	 */
	public Duration getAcquireTimeout() {
		return this.acquireTimeout;
	}

	/**
	 * Set how long a call waits for a connection of a database, or for a free slot among
	 * the open databases, before it fails. Default is 30 seconds.
	 * @param acquireTimeout the acquire timeout
	 */
	public void setAcquireTimeout(Duration acquireTimeout) {
		this.acquireTimeout = acquireTimeout;
	}

	/**
	 * Return the maximum number of read-only connections per database.
	 * @return the maximum number of readers
	 */
	public int getMaxReaders() {
		return this.maxReaders;
	}

	/**
	 * Set the maximum number of read-only connections per database, opened only while the
	 * writer connection is busy. With 0, reads share the writer. Default is 2.
	 * @param maxReaders the maximum number of readers
	 */
	public void setMaxReaders(int maxReaders) {
		this.maxReaders = maxReaders;
	}

	/**
	 * Return how long an unused reader connection stays open.
	 * @return the reader idle timeout
	 */
	public Duration getReaderIdleTimeout() {
		return this.readerIdleTimeout;
	}

	/**
	 * Set how long an unused reader connection stays open. Default is 30 seconds.
	 * @param readerIdleTimeout the reader idle timeout
	 */
	public void setReaderIdleTimeout(Duration readerIdleTimeout) {
		this.readerIdleTimeout = readerIdleTimeout;
	}

	/**
	 * Return SQLite's {@code synchronous} setting for every connection.
	 * @return the synchronous setting
	 */
	public Synchronous getSynchronous() {
		return this.synchronous;
	}

	/**
	 * Set SQLite's {@code synchronous} setting for every connection. Default is
	 * {@link Synchronous#NORMAL}.
	 * @param synchronous the synchronous setting
	 */
	public void setSynchronous(Synchronous synchronous) {
		this.synchronous = synchronous;
	}

	/**
	 * Return the size in bytes to which SQLite truncates a write-ahead log after a
	 * checkpoint.
	 * @return the journal size limit
	 */
	public long getJournalSizeLimit() {
		return this.journalSizeLimit;
	}

	/**
	 * Set the size in bytes to which SQLite truncates a write-ahead log after a
	 * checkpoint. Default is 64 MB.
	 * @param journalSizeLimit the journal size limit in bytes
	 */
	public void setJournalSizeLimit(long journalSizeLimit) {
		this.journalSizeLimit = journalSizeLimit;
	}

	/**
	 * Return how long a database whose migration failed rejects calls before the
	 * migration is tried again.
	 * @return the retry interval
	 */
	public Duration getMigrationRetryInterval() {
		return this.migrationRetryInterval;
	}

	/**
	 * Set how long a database whose migration failed rejects calls with the same failure
	 * before the migration is tried again. Default is 1 minute.
	 * @param migrationRetryInterval the retry interval
	 */
	public void setMigrationRetryInterval(Duration migrationRetryInterval) {
		this.migrationRetryInterval = migrationRetryInterval;
	}

	/**
	 * Return the number of prepared statements kept per connection.
	 * @return the statement cache size
	 */
	public int getStatementCacheSize() {
		return this.statementCacheSize;
	}

	/**
	 * Set the number of prepared statements kept per connection for reuse by
	 * {@code exec}, which saves SQLite's prepare step on repeated SQL. With 0, every call
	 * prepares its statement. Default is 64.
	 * @param statementCacheSize the statement cache size
	 */
	public void setStatementCacheSize(int statementCacheSize) {
		this.statementCacheSize = statementCacheSize;
	}

	/**
	 * Return the largest string or BLOB value, or SQL text, a connection accepts.
	 * @return the maximum value size in bytes
	 */
	public long getMaxValueSize() {
		return this.maxValueSize;
	}

	/**
	 * Set the largest string or BLOB value, or SQL text, a connection accepts, through
	 * SQLite's {@code SQLITE_LIMIT_LENGTH}. A statement that would produce a larger value
	 * fails with "string or blob too big" instead of filling the heap. Default is 64 MB.
	 * @param maxValueSize the maximum value size in bytes
	 */
	public void setMaxValueSize(long maxValueSize) {
		this.maxValueSize = maxValueSize;
	}

	/**
	 * Return the maximum size of databases of the given kind.
	 * @param kind the kind
	 * @return the maximum size in bytes
	 */
	long maxSizeOf(String kind) {
		return this.maxSizeByKind.getOrDefault(kind, this.maxSize);
	}

	/**
	 * Check that every setting is in range.
	 * @throws IllegalArgumentException if a setting is out of range
	 */
	void validate() {
		Assert.notNull(this.dataDirectory, "'dataDirectory' must not be null");
		DatabaseName.validateKind(this.defaultKind);
		this.kinds.forEach(DatabaseName::validateKind);
		Assert.isTrue(this.maxOpen > 0, () -> "'maxOpen' must be positive, but is " + this.maxOpen);
		Assert.isTrue(this.maxReaders >= 0, () -> "'maxReaders' must not be negative, but is " + this.maxReaders);
		Assert.isTrue(this.maxValueSize >= 1024 && this.maxValueSize <= Integer.MAX_VALUE,
				() -> "'maxValueSize' must be between 1024 and " + Integer.MAX_VALUE + " bytes, but is "
						+ this.maxValueSize);
		Assert.isTrue(this.statementCacheSize >= 0,
				() -> "'statementCacheSize' must not be negative, but is " + this.statementCacheSize);
		assertPositive("idleTimeout", this.idleTimeout);
		assertPositive("readerIdleTimeout", this.readerIdleTimeout);
		assertPositive("acquireTimeout", this.acquireTimeout);
		assertNotNegative("busyTimeout", this.busyTimeout);
		assertNotNegative("migrationRetryInterval", this.migrationRetryInterval);
		assertMaxSize("maxSize", this.maxSize);
		this.maxSizeByKind.forEach((kind, size) -> assertMaxSize("maxSizeByKind[" + kind + "]", size));
		Assert.isTrue(this.journalSizeLimit >= 0,
				() -> "'journalSizeLimit' must not be negative, but is " + this.journalSizeLimit);
	}

	private static void assertPositive(String name, Duration value) {
		Assert.notNull(value, () -> "'" + name + "' must not be null");
		Assert.isTrue(!value.isNegative() && !value.isZero(), () -> "'" + name + "' must be positive, but is " + value);
	}

	private static void assertNotNegative(String name, Duration value) {
		Assert.notNull(value, () -> "'" + name + "' must not be null");
		Assert.isTrue(!value.isNegative(), () -> "'" + name + "' must not be negative, but is " + value);
	}

	private static void assertMaxSize(String name, long value) {
		Assert.isTrue(value >= SqliteConnectionFactory.MIN_MAX_SIZE, () -> "'" + name + "' must be at least "
				+ SqliteConnectionFactory.MIN_MAX_SIZE + " bytes, but is " + value);
	}

}
