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

package dev.dorm.actuate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import dev.dorm.DatabaseName;
import dev.dorm.DatabaseNotFoundException;
import dev.dorm.MigrationFailedException;
import dev.dorm.migration.BulkMigration;
import dev.dorm.migration.FlywayDatabaseInitializer;
import dev.dorm.mirror.MirrorRelay;
import dev.dorm.mirror.MirrorStatus;
import dev.dorm.registry.TenantDatabaseRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.core.log.LogMessage;
import org.springframework.util.Assert;

/**
 * {@link Endpoint @Endpoint} that reports the tenant databases and runs operations on
 * them.
 * <p>
 * The read operations never open a database through the registry. The summary lists the
 * files of every kind and reads the first 64 bytes of each to compare its migration stamp
 * (see {@link DatabaseInspector}), so its cost grows with the number of database files.
 * The write operations ({@code migrate-all}, {@code backup} and {@code delete}) are
 * rejected unless they are enabled.
 *
 * @since 0.1.0
 */
@Endpoint(id = "dorm")
public class DormEndpoint {

	/**
	 * Name of the write operation that migrates every database of a kind.
	 */
	public static final String MIGRATE_ALL = "migrate-all";

	/**
	 * Name of the write operation that backs up one database.
	 */
	public static final String BACKUP = "backup";

	/**
	 * Maximum number of entries in the lists and maps of the summary. Further entries are
	 * only counted.
	 */
	public static final int MAX_LISTED = BulkMigration.MAX_LISTED_FAILURES;

	private static final Log logger = LogFactory.getLog(DormEndpoint.class);

	private static final int MAX_QUOTED_OPERATION_LENGTH = 40;

	private final TenantDatabaseRegistry registry;

	private final DatabaseInspector inspector;

	private final @Nullable MirrorRelay relay;

	private final BulkMigration bulkMigration;

	private final boolean writeOperations;

	private final @Nullable BackupFiles backupFiles;

	/**
	 * Create an endpoint.
	 * @param registry the registry of the databases
	 * @param migrations the Flyway initializer of the databases, or {@code null} if they
	 * are not migrated by Flyway
	 * @param relay the mirror relay, or {@code null} if there is none
	 * @param bulkMigration migrates every database of a kind
	 * @param writeOperations whether the write operations are enabled
	 * @param backupDirectory the folder for backups, or {@code null} to reject backups
	 */
	public DormEndpoint(TenantDatabaseRegistry registry, @Nullable FlywayDatabaseInitializer migrations,
			@Nullable MirrorRelay relay, BulkMigration bulkMigration, boolean writeOperations,
			@Nullable Path backupDirectory) {
		Assert.notNull(registry, "'registry' must not be null");
		Assert.notNull(bulkMigration, "'bulkMigration' must not be null");
		this.registry = registry;
		this.inspector = new DatabaseInspector(registry, migrations);
		this.relay = relay;
		this.bulkMigration = bulkMigration;
		this.writeOperations = writeOperations;
		this.backupFiles = (backupDirectory != null) ? new BackupFiles(backupDirectory, registry.files()) : null;
	}

	/**
	 * Return a summary of every kind of database, of the open databases and of the
	 * mirror.
	 * @return the summary
	 */
	@ReadOperation
	public DormDescriptor summary() {
		Map<String, KindDescriptor> kinds = new LinkedHashMap<>();
		int databases = 0;
		long totalBytes = 0;
		DatabaseSize largest = null;
		for (String kind : this.registry.kinds()) {
			KindDescriptor descriptor = describeKind(kind);
			kinds.put(kind, descriptor);
			databases += descriptor.databases();
			totalBytes += descriptor.totalBytes();
			largest = larger(largest, descriptor.largest());
		}
		return new DormDescriptor(this.registry.getOpenCount(), this.registry.getMaxOpen(), this.registry.getOpenings(),
				this.registry.getEvictions(), databases, totalBytes, largest, kinds, describeMirror());
	}

	private KindDescriptor describeKind(String kind) {
		List<DatabaseName> names = this.registry.list(kind);
		FlywayDatabaseInitializer migrations = this.inspector.migrations();
		long totalBytes = 0;
		DatabaseSize largest = null;
		int current = 0;
		int behind = 0;
		int unknown = 0;
		for (DatabaseName name : names) {
			long bytes = this.registry.size(name);
			totalBytes += bytes;
			largest = larger(largest, new DatabaseSize(name.toString(), bytes));
			Boolean isCurrent = (migrations != null) ? this.inspector.isCurrent(name) : null;
			if (isCurrent == null) {
				unknown++;
			}
			else if (isCurrent) {
				current++;
			}
			else {
				behind++;
			}
		}
		MigrationsDescriptor migrationsDescriptor = null;
		if (migrations != null) {
			List<BulkMigration.Failure> failures = new ArrayList<>();
			int failed = 0;
			for (Map.Entry<DatabaseName, MigrationFailedException> entry : this.registry.getMigrationFailures()
				.entrySet()) {
				if (entry.getKey().kind().equals(kind)) {
					failed++;
					if (failures.size() < MAX_LISTED) {
						failures.add(failure(entry.getKey(), entry.getValue()));
					}
				}
			}
			migrationsDescriptor = new MigrationsDescriptor(migrations.targetVersion(kind), current, behind, unknown,
					failed, failures);
		}
		return new KindDescriptor(names.size(), totalBytes, largest, migrationsDescriptor);
	}

	private static BulkMigration.Failure failure(DatabaseName name, MigrationFailedException ex) {
		return new BulkMigration.Failure(name.toString(), ex.getVersion(), ex.getCurrentVersion(),
				ex.getSqliteMessage());
	}

	private static @Nullable DatabaseSize larger(@Nullable DatabaseSize a, @Nullable DatabaseSize b) {
		if (a == null) {
			return b;
		}
		return (b != null && b.bytes() > a.bytes()) ? b : a;
	}

	private @Nullable MirrorDescriptor describeMirror() {
		if (this.relay == null) {
			return null;
		}
		MirrorStatus status = this.relay.status();
		Map<String, Long> parked = new TreeMap<>();
		for (Map.Entry<String, Long> entry : status.parkedRecords().entrySet()) {
			if (parked.size() == MAX_LISTED) {
				break;
			}
			parked.put(entry.getKey(), entry.getValue());
		}
		return new MirrorDescriptor(status.pendingDatabases(), status.lagMillis(), status.appliedRecords(),
				status.failedAttempts(), status.totalParkedRecords(), parked);
	}

	/**
	 * Return the state of one database.
	 * @param database the name of the database, such as {@code tenant:acme}
	 * @return its state
	 * @throws dev.dorm.InvalidDatabaseNameException if the name is not valid
	 * @throws dev.dorm.UnknownDatabaseKindException if its kind is not configured
	 * @throws DatabaseNotFoundException if the database does not exist
	 */
	@ReadOperation
	public DatabaseDescriptor database(@Selector String database) {
		DatabaseName name = this.registry.parse(database);
		boolean open = this.registry.isOpen(name);
		if (!open && !this.registry.exists(name)) {
			throw new DatabaseNotFoundException(name.toString());
		}
		Long parked = null;
		if (this.relay != null) {
			parked = this.relay.status().parkedRecords().getOrDefault(name.toString(), 0L);
		}
		return new DatabaseDescriptor(name.toString(), name.kind(), open, this.registry.size(name),
				this.registry.getLastUsed(name), this.inspector.lastModified(name), describeMigration(name), parked);
	}

	private @Nullable MigrationDescriptor describeMigration(DatabaseName name) {
		FlywayDatabaseInitializer migrations = this.inspector.migrations();
		if (migrations == null) {
			return null;
		}
		String target = migrations.targetVersion(name.kind());
		MigrationFailedException failure = this.registry.getMigrationFailures().get(name);
		if (failure != null) {
			return new MigrationDescriptor(MigrationState.FAILED, failure.getCurrentVersion(), target,
					failure.getSqliteMessage());
		}
		Boolean current = this.inspector.isCurrent(name);
		if (current == null) {
			return new MigrationDescriptor(MigrationState.UNKNOWN, null, target, null);
		}
		if (current) {
			return new MigrationDescriptor(MigrationState.CURRENT, target, target, null);
		}
		return new MigrationDescriptor(MigrationState.BEHIND, this.inspector.readVersion(name), target, null);
	}

	/**
	 * Run a write operation: {@value #MIGRATE_ALL} on a kind, or {@value #BACKUP} on a
	 * database.
	 * @param name the kind for {@value #MIGRATE_ALL}, the database for {@value #BACKUP}
	 * @param operation the operation
	 * @return the outcome: a {@link BulkMigration.Report} or a {@link BackupDescriptor}
	 * @throws WriteOperationRejectedException if write operations or backups are not
	 * enabled
	 * @throws InvalidEndpointRequestException if the operation is unknown
	 */
	@WriteOperation
	public Object write(@Selector String name, @Selector String operation) {
		checkWriteOperations();
		if (MIGRATE_ALL.equals(operation)) {
			return migrateAll(name);
		}
		if (BACKUP.equals(operation)) {
			return backup(name);
		}
		String quoted = (operation.length() > MAX_QUOTED_OPERATION_LENGTH)
				? operation.substring(0, MAX_QUOTED_OPERATION_LENGTH) + "..." : operation;
		throw new InvalidEndpointRequestException("Unknown operation '" + quoted + "'; use '" + MIGRATE_ALL
				+ "' on a kind, such as POST /actuator/dorm/tenant/" + MIGRATE_ALL + ", or '" + BACKUP
				+ "' on a database, such as POST /actuator/dorm/tenant:acme/" + BACKUP, "Unknown operation");
	}

	/**
	 * Migrate every database of a kind, trying again those whose migration failed.
	 * @param kind the kind
	 * @return the outcome
	 * @throws WriteOperationRejectedException if write operations are not enabled
	 */
	public BulkMigration.Report migrateAll(String kind) {
		checkWriteOperations();
		DatabaseName.validateKind(kind);
		return this.bulkMigration.migrateAll(kind);
	}

	/**
	 * Back up a database, while it stays in use, to a new file in the backup folder.
	 * @param database the name of the database
	 * @return the backup
	 * @throws WriteOperationRejectedException if write operations or backups are not
	 * enabled
	 * @throws DatabaseNotFoundException if the database does not exist
	 */
	public BackupDescriptor backup(String database) {
		checkWriteOperations();
		BackupFiles backupFiles = this.backupFiles;
		if (backupFiles == null) {
			throw new WriteOperationRejectedException(
					"Backups are not enabled; set 'dorm.actuator.backup-dir' to the folder for backups");
		}
		DatabaseName name = this.registry.parse(database);
		if (!this.registry.isOpen(name) && !this.registry.exists(name)) {
			throw new DatabaseNotFoundException(name.toString());
		}
		Path file = backupFiles.newFile(name, Instant.now());
		long start = System.nanoTime();
		this.registry.backup(name, file);
		long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
		long bytes = sizeOf(file);
		String relative = backupFiles.directory().relativize(file).toString().replace('\\', '/');
		logger
			.info(LogMessage.format("Backed up database '%s' to '%s' (%d bytes) in %d ms", name, file, bytes, millis));
		return new BackupDescriptor(name.toString(), relative, bytes, millis);
	}

	private static long sizeOf(Path file) {
		try {
			return Files.size(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Failed to read the size of backup '" + file + "'", ex);
		}
	}

	/**
	 * Close a database and delete its files.
	 * @param database the name of the database
	 * @return the deletion
	 * @throws WriteOperationRejectedException if write operations are not enabled
	 * @throws DatabaseNotFoundException if the database does not exist
	 */
	@DeleteOperation
	public DeletionDescriptor delete(@Selector String database) {
		checkWriteOperations();
		DatabaseName name = this.registry.parse(database);
		if (!this.registry.delete(name)) {
			throw new DatabaseNotFoundException(name.toString());
		}
		logger.info(LogMessage.format("Deleted database '%s' through the 'dorm' endpoint", name));
		return new DeletionDescriptor(name.toString(), true);
	}

	private void checkWriteOperations() {
		if (!this.writeOperations) {
			throw new WriteOperationRejectedException("Write operations of the 'dorm' endpoint are disabled; "
					+ "set 'dorm.actuator.write-operations=true' to enable them");
		}
	}

	/**
	 * Migration state of one database.
	 */
	public enum MigrationState {

		/**
		 * Every migration of its kind has run.
		 */
		CURRENT,

		/**
		 * Some migrations of its kind have not run yet. They run when it is opened.
		 */
		BEHIND,

		/**
		 * Its last migration failed.
		 */
		FAILED,

		/**
		 * Its migration stamp could not be read.
		 */
		UNKNOWN

	}

	/**
	 * Summary of the tenant databases.
	 *
	 * @param openDatabases the number of open databases
	 * @param maxOpen the maximum number of open databases
	 * @param openings the number of times a database was opened since the start
	 * @param evictions the number of times an open database was closed since the start
	 * @param databases the number of database files of every kind
	 * @param totalBytes the size of every database file and write-ahead log
	 * @param largest the largest database, or {@code null} if there is none
	 * @param kinds the databases by kind
	 * @param mirror the state of the mirror, or {@code null} if there is no mirror relay
	 * @since 0.1.0
	 */
	public record DormDescriptor(int openDatabases, int maxOpen, long openings, long evictions, int databases,
			long totalBytes, @Nullable DatabaseSize largest, Map<String, KindDescriptor> kinds,
			@Nullable MirrorDescriptor mirror) implements OperationResponseBody {

	}

	/**
	 * Summary of the databases of one kind.
	 *
	 * @param databases the number of database files
	 * @param totalBytes the size of every database file and write-ahead log
	 * @param largest the largest database, or {@code null} if there is none
	 * @param migrations the migration state, or {@code null} if the databases are not
	 * migrated by Flyway
	 * @since 0.1.0
	 */
	public record KindDescriptor(int databases, long totalBytes, @Nullable DatabaseSize largest,
			@Nullable MigrationsDescriptor migrations) {

	}

	/**
	 * Size of one database.
	 *
	 * @param database the database
	 * @param bytes its size with its write-ahead log
	 * @since 0.1.0
	 */
	public record DatabaseSize(String database, long bytes) {

	}

	/**
	 * Migration state of the databases of one kind. Open databases count as current,
	 * because each database is migrated when it is opened.
	 *
	 * @param targetVersion the highest version of the kind's migrations, or {@code null}
	 * if it has no versioned migrations
	 * @param current the number of databases at the current stamp of the kind's
	 * migrations
	 * @param behind the number of databases at another stamp, failed ones included
	 * @param unknown the number of databases whose stamp could not be read
	 * @param failed the number of databases whose last migration failed
	 * @param failures the failed databases, at most {@value DormEndpoint#MAX_LISTED}
	 * @since 0.1.0
	 */
	public record MigrationsDescriptor(@Nullable String targetVersion, int current, int behind, int unknown, int failed,
			List<BulkMigration.Failure> failures) {

	}

	/**
	 * State of the mirror relay.
	 *
	 * @param pendingDatabases the number of databases with changes not yet applied
	 * @param lagMillis the age of the oldest change not yet applied, or 0 if there is
	 * none
	 * @param appliedRecords the number of changes applied since the start
	 * @param failedAttempts the number of failed attempts since the start
	 * @param parkedRecords the number of parked changes of every database
	 * @param parkedByDatabase the number of parked changes by database, for at most
	 * {@value DormEndpoint#MAX_LISTED} databases in name order
	 * @since 0.1.0
	 */
	public record MirrorDescriptor(int pendingDatabases, long lagMillis, long appliedRecords, long failedAttempts,
			long parkedRecords, Map<String, Long> parkedByDatabase) {

	}

	/**
	 * State of one database.
	 *
	 * @param database the database
	 * @param kind its kind
	 * @param open whether it is open
	 * @param bytes its size with its write-ahead log
	 * @param lastUsed when it was last used, or {@code null} if it is not open
	 * @param lastModified when its file or write-ahead log was last modified
	 * @param migration its migration state, or {@code null} if it is not migrated by
	 * Flyway
	 * @param parkedRecords its parked mirror changes, or {@code null} if there is no
	 * mirror relay
	 * @since 0.1.0
	 */
	public record DatabaseDescriptor(String database, String kind, boolean open, long bytes, @Nullable Instant lastUsed,
			@Nullable Instant lastModified, @Nullable MigrationDescriptor migration,
			@Nullable Long parkedRecords) implements OperationResponseBody {

	}

	/**
	 * Migration state of one database.
	 *
	 * @param state the state
	 * @param version the version it is at, or {@code null} if it has none or it cannot be
	 * read
	 * @param targetVersion the highest version of its kind's migrations
	 * @param error the message of its last failed migration, or {@code null}
	 * @since 0.1.0
	 */
	public record MigrationDescriptor(MigrationState state, @Nullable String version, @Nullable String targetVersion,
			@Nullable String error) {

	}

	/**
	 * A backup that was written.
	 *
	 * @param database the database
	 * @param file the backup file, relative to the backup folder
	 * @param bytes the size of the backup
	 * @param durationMillis the time the backup took, in milliseconds
	 * @since 0.1.0
	 */
	public record BackupDescriptor(String database, String file, long bytes,
			long durationMillis) implements OperationResponseBody {

	}

	/**
	 * A database that was deleted.
	 *
	 * @param database the database
	 * @param deleted whether its file was deleted
	 * @since 0.1.0
	 */
	public record DeletionDescriptor(String database, boolean deleted) implements OperationResponseBody {

	}

}
