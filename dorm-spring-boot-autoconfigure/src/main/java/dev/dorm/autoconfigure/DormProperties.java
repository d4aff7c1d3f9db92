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

package dev.dorm.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.dorm.registry.Synchronous;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration properties for dorm-spring.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("dorm")
public class DormProperties {

	/**
	 * Whether to enable dorm-spring's auto-configuration.
	 */
	private boolean enabled = true;

	/**
	 * Folder that holds one sub-folder of database files per kind. Nothing outside it is
	 * created, opened or deleted.
	 */
	private String dataDir = "./data";

	/**
	 * Kind of database names given without a kind, such as 'acme' for 'tenant:acme'.
	 */
	private String defaultKind = "tenant";

	/**
	 * Maximum number of databases open at once. Opening one more closes the least
	 * recently used database that is not in use.
	 */
	private int maxOpen = 256;

	/**
	 * Time after which an unused database is closed.
	 */
	private Duration idleTimeout = Duration.ofMinutes(10);

	/**
	 * Maximum size of one database file, enforced by SQLite. A full database rejects
	 * writes and stays readable.
	 */
	private DataSize maxSize = DataSize.ofGigabytes(10);

	private final Connection connection = new Connection();

	private final Migrations migrations = new Migrations();

	private final Tenant tenant = new Tenant();

	private final Mirror mirror = new Mirror();

	private final SqlEndpoint sqlEndpoint = new SqlEndpoint();

	private final Actuator actuator = new Actuator();

	/**
	 * Settings by database kind. Names of kinds that are neither listed here nor the
	 * default kind are rejected.
	 */
	private Map<String, Kind> kinds = new LinkedHashMap<>();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getDataDir() {
		return this.dataDir;
	}

	public void setDataDir(String dataDir) {
		this.dataDir = dataDir;
	}

	public String getDefaultKind() {
		return this.defaultKind;
	}

	public void setDefaultKind(String defaultKind) {
		this.defaultKind = defaultKind;
	}

	public int getMaxOpen() {
		return this.maxOpen;
	}

	public void setMaxOpen(int maxOpen) {
		this.maxOpen = maxOpen;
	}

	public Duration getIdleTimeout() {
		return this.idleTimeout;
	}

	public void setIdleTimeout(Duration idleTimeout) {
		this.idleTimeout = idleTimeout;
	}

	public DataSize getMaxSize() {
		return this.maxSize;
	}

	public void setMaxSize(DataSize maxSize) {
		this.maxSize = maxSize;
	}

	public Connection getConnection() {
		return this.connection;
	}

	public Migrations getMigrations() {
		return this.migrations;
	}

	public Tenant getTenant() {
		return this.tenant;
	}

	public Mirror getMirror() {
		return this.mirror;
	}

	public SqlEndpoint getSqlEndpoint() {
		return this.sqlEndpoint;
	}

	public Actuator getActuator() {
		return this.actuator;
	}

	public Map<String, Kind> getKinds() {
		return this.kinds;
	}

	public void setKinds(Map<String, Kind> kinds) {
		this.kinds = kinds;
	}

	/**
	 * Connection settings.
	 */
	public static class Connection {

		/**
		 * Time SQLite waits for a lock held by another connection, such as one in another
		 * process, before it fails with SQLITE_BUSY.
		 */
		private Duration busyTimeout = Duration.ofSeconds(5);

		/**
		 * Time a call waits for a connection of a database, or for a slot among the open
		 * databases, before it fails.
		 */
		private Duration acquireTimeout = Duration.ofSeconds(30);

		/**
		 * Maximum number of read-only connections per database, opened only while its
		 * writer connection is busy. With 0, reads share the writer.
		 */
		private int maxReaders = 2;

		/**
		 * Time after which an unused read-only connection is closed.
		 */
		private Duration readerIdleTimeout = Duration.ofSeconds(30);

		/**
		 * SQLite 'synchronous' setting: NORMAL can lose the latest commits on power loss
		 * but never corrupts a database; FULL waits for the disk at every commit.
		 */
		private Synchronous synchronous = Synchronous.NORMAL;

		/**
		 * Size to which SQLite truncates a write-ahead log after a checkpoint.
		 */
		private DataSize journalSizeLimit = DataSize.ofMegabytes(64);

		/**
		 * Number of prepared statements kept per connection for reuse, which saves
		 * SQLite's prepare step on repeated SQL. With 0, every call prepares its
		 * statement.
		 */
		private int statementCacheSize = 64;

		/**
		 * Largest string or BLOB value, or SQL text, a connection accepts. A statement
		 * that would produce a larger value fails instead of filling the heap.
		 */
		private DataSize maxValueSize = DataSize.ofMegabytes(64);

		public Duration getBusyTimeout() {
			return this.busyTimeout;
		}

		public void setBusyTimeout(Duration busyTimeout) {
			this.busyTimeout = busyTimeout;
		}

		public Duration getAcquireTimeout() {
			return this.acquireTimeout;
		}

		public void setAcquireTimeout(Duration acquireTimeout) {
			this.acquireTimeout = acquireTimeout;
		}

		public int getMaxReaders() {
			return this.maxReaders;
		}

		public void setMaxReaders(int maxReaders) {
			this.maxReaders = maxReaders;
		}

		public Duration getReaderIdleTimeout() {
			return this.readerIdleTimeout;
		}

		public void setReaderIdleTimeout(Duration readerIdleTimeout) {
			this.readerIdleTimeout = readerIdleTimeout;
		}

		public Synchronous getSynchronous() {
			return this.synchronous;
		}

		public void setSynchronous(Synchronous synchronous) {
			this.synchronous = synchronous;
		}

		public DataSize getMaxValueSize() {
			return this.maxValueSize;
		}

		public void setMaxValueSize(DataSize maxValueSize) {
			this.maxValueSize = maxValueSize;
		}

		public int getStatementCacheSize() {
			return this.statementCacheSize;
		}

		public void setStatementCacheSize(int statementCacheSize) {
			this.statementCacheSize = statementCacheSize;
		}

		public DataSize getJournalSizeLimit() {
			return this.journalSizeLimit;
		}

		public void setJournalSizeLimit(DataSize journalSizeLimit) {
			this.journalSizeLimit = journalSizeLimit;
		}

	}

	/**
	 * Migration settings.
	 */
	public static class Migrations {

		/**
		 * Whether to migrate each database with Flyway right before its first use.
		 */
		private boolean enabled = true;

		/**
		 * Flyway locations of kinds that set none of their own, as 'classpath:' or
		 * 'filesystem:' paths in which '{kind}' stands for the kind.
		 */
		private List<String> locations = new ArrayList<>(List.of("classpath:db/dorm/{kind}"));

		/**
		 * Whether new databases start as a copy of a template database that Flyway has
		 * already migrated, instead of running Flyway on each new file.
		 */
		private boolean useTemplates = true;

		/**
		 * Time during which a database whose migration failed rejects calls with the same
		 * failure before the migration is tried again.
		 */
		private Duration retryInterval = Duration.ofMinutes(1);

		/**
		 * Whether to migrate every existing database of each kind that has migrations
		 * when the application starts, before it reports that it is ready to accept
		 * traffic. Failed databases are logged and reject calls as on their first use.
		 */
		private boolean eager;

		/**
		 * Number of databases migrated at once when every database of a kind is migrated,
		 * at startup or through the 'dorm' actuator endpoint.
		 */
		private int parallelism = 2;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public List<String> getLocations() {
			return this.locations;
		}

		public void setLocations(List<String> locations) {
			this.locations = locations;
		}

		public boolean isUseTemplates() {
			return this.useTemplates;
		}

		public void setUseTemplates(boolean useTemplates) {
			this.useTemplates = useTemplates;
		}

		public Duration getRetryInterval() {
			return this.retryInterval;
		}

		public void setRetryInterval(Duration retryInterval) {
			this.retryInterval = retryInterval;
		}

		public boolean isEager() {
			return this.eager;
		}

		public void setEager(boolean eager) {
			this.eager = eager;
		}

		public int getParallelism() {
			return this.parallelism;
		}

		public void setParallelism(int parallelism) {
			this.parallelism = parallelism;
		}

	}

	/**
	 * Settings of the tenant of each request and of the tenant-routed data source.
	 */
	public static class Tenant {

		/**
		 * Whether to resolve the tenant of each HTTP request and bind it to the thread.
		 */
		private boolean enabled = true;

		/**
		 * Tenant sources, asked in this order. Sources without their setting (such as
		 * 'path' without 'dorm.tenant.path-pattern') are skipped.
		 */
		private List<TenantSource> sources = new ArrayList<>(
				List.of(TenantSource.HEADER, TenantSource.PATH, TenantSource.SUBDOMAIN, TenantSource.PRINCIPAL));

		/**
		 * Request header that names the tenant.
		 */
		private String header = "X-Tenant-Id";

		/**
		 * Path pattern whose variable names the tenant, such as '/api/{tenant}/**'.
		 */
		private @Nullable String pathPattern;

		/**
		 * Name of the variable in 'dorm.tenant.path-pattern' that names the tenant.
		 */
		private String pathVariable = "tenant";

		/**
		 * Base domain whose sub-domain names the tenant, such as 'example.com' for
		 * 'acme.example.com'.
		 */
		private @Nullable String baseDomain;

		/**
		 * Claim or attribute of the authenticated principal that names the tenant, such
		 * as 'tenant_id'.
		 */
		private @Nullable String principalClaim;

		/**
		 * Path patterns whose requests must name a tenant; other requests get status 400.
		 */
		private List<String> requiredPaths = new ArrayList<>();

		/**
		 * Kinds, besides the default kind, whose databases a request may name as its
		 * tenant, such as 'user' for 'X-Tenant-Id: user:42'. Other kinds are rejected
		 * with 400, so that a request never reaches a mirror's database.
		 */
		private List<String> kinds = new ArrayList<>();

		/**
		 * Whether to provide a data source that routes to the database of the current
		 * tenant, used by JdbcTemplate, JdbcClient and Spring Data JDBC, when the
		 * application defines no DataSource of its own.
		 */
		private boolean routingDataSource = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public List<TenantSource> getSources() {
			return this.sources;
		}

		public void setSources(List<TenantSource> sources) {
			this.sources = sources;
		}

		public String getHeader() {
			return this.header;
		}

		public void setHeader(String header) {
			this.header = header;
		}

		public @Nullable String getPathPattern() {
			return this.pathPattern;
		}

		public void setPathPattern(@Nullable String pathPattern) {
			this.pathPattern = pathPattern;
		}

		public String getPathVariable() {
			return this.pathVariable;
		}

		public void setPathVariable(String pathVariable) {
			this.pathVariable = pathVariable;
		}

		public @Nullable String getBaseDomain() {
			return this.baseDomain;
		}

		public void setBaseDomain(@Nullable String baseDomain) {
			this.baseDomain = baseDomain;
		}

		public @Nullable String getPrincipalClaim() {
			return this.principalClaim;
		}

		public void setPrincipalClaim(@Nullable String principalClaim) {
			this.principalClaim = principalClaim;
		}

		public List<String> getRequiredPaths() {
			return this.requiredPaths;
		}

		public void setRequiredPaths(List<String> requiredPaths) {
			this.requiredPaths = requiredPaths;
		}

		public List<String> getKinds() {
			return this.kinds;
		}

		public void setKinds(List<String> kinds) {
			this.kinds = kinds;
		}

		public boolean isRoutingDataSource() {
			return this.routingDataSource;
		}

		public void setRoutingDataSource(boolean routingDataSource) {
			this.routingDataSource = routingDataSource;
		}

	}

	/**
	 * Mirroring settings of one database kind.
	 */
	public static class KindMirror {

		/**
		 * Whether committed writes to databases of this kind are copied to the mirror.
		 */
		private boolean enabled;

		/**
		 * Mirror of this kind: a dorm-spring database name such as 'aggregate:main', or
		 * 'bean:' and the name of a DataSource bean, such as a PostgreSQL database.
		 */
		private String target = "aggregate:main";

		/**
		 * Tables to mirror. Empty for every table except 'excluded-tables' and the tables
		 * of SQLite and dorm-spring.
		 */
		private List<String> tables = new ArrayList<>();

		/**
		 * Tables left out when every table is mirrored.
		 */
		private List<String> excludedTables = new ArrayList<>(List.of("flyway_schema_history"));

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public String getTarget() {
			return this.target;
		}

		public void setTarget(String target) {
			this.target = target;
		}

		public List<String> getTables() {
			return this.tables;
		}

		public void setTables(List<String> tables) {
			this.tables = tables;
		}

		public List<String> getExcludedTables() {
			return this.excludedTables;
		}

		public void setExcludedTables(List<String> excludedTables) {
			this.excludedTables = excludedTables;
		}

	}

	/**
	 * Settings of the relay that applies recorded changes to the mirrors.
	 */
	public static class Mirror {

		/**
		 * Number of relay threads; each works on one database at a time.
		 */
		private int threads = 1;

		/**
		 * Number of changes applied to a mirror in one transaction.
		 */
		private int batchSize = 500;

		/**
		 * Number of times a change the mirror rejects is tried before it is parked.
		 * Failures while the mirror is unreachable do not count.
		 */
		private int maxAttempts = 10;

		/**
		 * Wait before the first retry; each further failure doubles it.
		 */
		private Duration initialBackoff = Duration.ofMillis(500);

		/**
		 * Longest wait between retries.
		 */
		private Duration maxBackoff = Duration.ofMinutes(1);

		/**
		 * Whether the relay looks for pending changes in every mirrored database when the
		 * application starts, which picks up changes committed before a crash.
		 */
		private boolean scanOnStart = true;

		public int getThreads() {
			return this.threads;
		}

		public void setThreads(int threads) {
			this.threads = threads;
		}

		public int getBatchSize() {
			return this.batchSize;
		}

		public void setBatchSize(int batchSize) {
			this.batchSize = batchSize;
		}

		public int getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(int maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

		public Duration getInitialBackoff() {
			return this.initialBackoff;
		}

		public void setInitialBackoff(Duration initialBackoff) {
			this.initialBackoff = initialBackoff;
		}

		public Duration getMaxBackoff() {
			return this.maxBackoff;
		}

		public void setMaxBackoff(Duration maxBackoff) {
			this.maxBackoff = maxBackoff;
		}

		public boolean isScanOnStart() {
			return this.scanOnStart;
		}

		public void setScanOnStart(boolean scanOnStart) {
			this.scanOnStart = scanOnStart;
		}

	}

	/**
	 * Settings of the SQL endpoint for Outerbase Studio.
	 */
	public static class SqlEndpoint {

		/**
		 * Admin secret of the SQL endpoint, at least 16 characters. The endpoint exists
		 * only when it is set, and it needs Spring Security. The per-database access keys
		 * are derived from it.
		 */
		private @Nullable String secret;

		/**
		 * Path under which the SQL endpoint serves POST {prefix}/{database}/query/raw and
		 * /query/stream, and the same without {database} for the tenant of the request.
		 */
		private String prefix = "/db";

		/**
		 * Maximum size of a request body of the SQL endpoint. Larger bodies get status
		 * 413.
		 */
		private DataSize maxRequestSize = DataSize.ofMegabytes(1);

		/**
		 * Maximum number of rows that one /query/raw request returns. Larger results get
		 * status 400 and can be read with /query/stream.
		 */
		private int maxRows = 10000;

		/**
		 * Time after which SQLite stops a statement of the SQL endpoint. For
		 * /query/stream it counts while SQLite produces each row.
		 */
		private Duration statementTimeout = Duration.ofSeconds(30);

		public @Nullable String getSecret() {
			return this.secret;
		}

		public void setSecret(@Nullable String secret) {
			this.secret = secret;
		}

		public String getPrefix() {
			return this.prefix;
		}

		public void setPrefix(String prefix) {
			this.prefix = prefix;
		}

		public DataSize getMaxRequestSize() {
			return this.maxRequestSize;
		}

		public void setMaxRequestSize(DataSize maxRequestSize) {
			this.maxRequestSize = maxRequestSize;
		}

		public int getMaxRows() {
			return this.maxRows;
		}

		public void setMaxRows(int maxRows) {
			this.maxRows = maxRows;
		}

		public Duration getStatementTimeout() {
			return this.statementTimeout;
		}

		public void setStatementTimeout(Duration statementTimeout) {
			this.statementTimeout = statementTimeout;
		}

	}

	/**
	 * Settings of the 'dorm' actuator endpoint.
	 */
	public static class Actuator {

		/**
		 * Whether the 'dorm' endpoint runs its write operations: migrate-all, backup and
		 * delete. When false they are rejected with status 403. Secure the actuator
		 * endpoints before enabling them.
		 */
		private boolean writeOperations;

		/**
		 * Folder in which the backup operation of the 'dorm' endpoint writes backups, one
		 * sub-folder per kind. It must neither be inside 'dorm.data-dir' nor contain it.
		 * Backups are rejected while it is not set.
		 */
		private @Nullable String backupDir;

		public boolean isWriteOperations() {
			return this.writeOperations;
		}

		public void setWriteOperations(boolean writeOperations) {
			this.writeOperations = writeOperations;
		}

		public @Nullable String getBackupDir() {
			return this.backupDir;
		}

		public void setBackupDir(@Nullable String backupDir) {
			this.backupDir = backupDir;
		}

	}

	/**
	 * Sources of the tenant of a request.
	 */
	public enum TenantSource {

		/**
		 * The request header 'dorm.tenant.header'.
		 */
		HEADER,

		/**
		 * The variable 'dorm.tenant.path-variable' of 'dorm.tenant.path-pattern'.
		 */
		PATH,

		/**
		 * The sub-domain of 'dorm.tenant.base-domain'.
		 */
		SUBDOMAIN,

		/**
		 * The claim 'dorm.tenant.principal-claim' of the authenticated principal.
		 */
		PRINCIPAL

	}

	/**
	 * Settings of one database kind.
	 */
	public static class Kind {

		/**
		 * Flyway locations of this kind, replacing 'dorm.migrations.locations'.
		 */
		private @Nullable List<String> locations;

		/**
		 * Maximum size of one database of this kind, replacing 'dorm.max-size'.
		 */
		private @Nullable DataSize maxSize;

		private final KindMirror mirror = new KindMirror();

		public @Nullable List<String> getLocations() {
			return this.locations;
		}

		public void setLocations(@Nullable List<String> locations) {
			this.locations = locations;
		}

		public @Nullable DataSize getMaxSize() {
			return this.maxSize;
		}

		public void setMaxSize(@Nullable DataSize maxSize) {
			this.maxSize = maxSize;
		}

		public KindMirror getMirror() {
			return this.mirror;
		}

	}

}
