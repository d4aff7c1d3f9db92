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

package dev.dorm.migration;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import dev.dorm.DatabaseName;
import dev.dorm.DatabaseNotFoundException;
import dev.dorm.MigrationFailedException;
import dev.dorm.registry.TenantDatabaseRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.log.LogMessage;
import org.springframework.util.Assert;

/**
 * Migrates every existing database of a kind now, instead of on the first use of each,
 * with a bounded number of threads.
 * <p>
 * Each database goes through {@link TenantDatabaseRegistry#migrate(DatabaseName)}, so a
 * database whose earlier migration failed is tried again, databases that are not open
 * stay closed, and the application keeps serving every database meanwhile. Progress is
 * logged at a fixed interval, and the outcome is returned as a {@link Report}.
 *
 * @since 0.1.0
 */
public class BulkMigration {

	/**
	 * Maximum number of failures listed in a {@link Report}. Further failures are only
	 * counted.
	 */
	public static final int MAX_LISTED_FAILURES = 100;

	private static final Log logger = LogFactory.getLog(BulkMigration.class);

	private static final int MAX_LOGGED_FAILURES = 10;

	private final TenantDatabaseRegistry registry;

	private final int parallelism;

	private final Duration progressInterval;

	private final Set<String> running = ConcurrentHashMap.newKeySet();

	/**
	 * Create a bulk migration that logs its progress every 5 seconds.
	 * @param registry the registry whose databases are migrated
	 * @param parallelism the number of databases migrated at once
	 */
	public BulkMigration(TenantDatabaseRegistry registry, int parallelism) {
		this(registry, parallelism, Duration.ofSeconds(5));
	}

	/**
	 * Create a bulk migration.
	 * @param registry the registry whose databases are migrated
	 * @param parallelism the number of databases migrated at once
	 * @param progressInterval the time between two progress lines in the log
	 */
	public BulkMigration(TenantDatabaseRegistry registry, int parallelism, Duration progressInterval) {
		Assert.notNull(registry, "'registry' must not be null");
		Assert.isTrue(parallelism > 0, () -> "'parallelism' must be positive, but is " + parallelism);
		Assert.isTrue(progressInterval.toMillis() > 0,
				() -> "'progressInterval' must be at least 1 ms, but is " + progressInterval);
		this.registry = registry;
		this.parallelism = parallelism;
		this.progressInterval = progressInterval;
	}

	/**
	 * Return the number of databases migrated at once.
	 * @return the parallelism
	 */
	public int getParallelism() {
		return this.parallelism;
	}

	/**
	 * Migrate every database of a kind that has a file when the call starts, and wait
	 * until each is done. Databases created meanwhile are migrated on their creation, and
	 * databases deleted meanwhile are counted as skipped.
	 * @param kind the kind
	 * @return the outcome
	 * @throws dev.dorm.UnknownDatabaseKindException if the kind is not configured
	 * @throws IllegalStateException if the databases of this kind are already being
	 * migrated, or if the calling thread is interrupted
	 */
	public Report migrateAll(String kind) {
		List<DatabaseName> names = this.registry.list(kind);
		if (!this.running.add(kind)) {
			throw new IllegalStateException("The databases of kind '" + kind
					+ "' are already being migrated; wait for that migration to finish");
		}
		try {
			return new Run(kind, names).execute();
		}
		finally {
			this.running.remove(kind);
		}
	}

	/**
	 * The state of one call of {@link #migrateAll(String)}.
	 */
	private final class Run {

		private final String kind;

		private final List<DatabaseName> names;

		private final AtomicInteger next = new AtomicInteger();

		private final AtomicInteger migrated = new AtomicInteger();

		private final AtomicInteger current = new AtomicInteger();

		private final AtomicInteger failed = new AtomicInteger();

		private final AtomicInteger skipped = new AtomicInteger();

		private final ConcurrentLinkedQueue<Failure> failures = new ConcurrentLinkedQueue<>();

		private final AtomicBoolean cancelled = new AtomicBoolean();

		private final long start = System.nanoTime();

		Run(String kind, List<DatabaseName> names) {
			this.kind = kind;
			this.names = names;
		}

		Report execute() {
			int threads = Math.max(1, Math.min(BulkMigration.this.parallelism, this.names.size()));
			logger.info(LogMessage.format("Migrating %d databases of kind '%s' with %d threads", this.names.size(),
					this.kind, threads));
			CountDownLatch done = new CountDownLatch(threads);
			for (int i = 1; i <= threads; i++) {
				String threadName = "dorm-migrate-" + this.kind + "-" + i;
				Thread thread = new Thread(() -> work(done), threadName);
				thread.setDaemon(true);
				thread.start();
			}
			awaitWorkers(done);
			Report report = report();
			logReport(report);
			return report;
		}

		private void work(CountDownLatch done) {
			try {
				int index;
				while (!this.cancelled.get() && (index = this.next.getAndIncrement()) < this.names.size()) {
					migrate(this.names.get(index));
				}
			}
			finally {
				done.countDown();
			}
		}

		private void migrate(DatabaseName name) {
			try {
				if (BulkMigration.this.registry.migrate(name)) {
					this.migrated.incrementAndGet();
				}
				else {
					this.current.incrementAndGet();
				}
			}
			catch (DatabaseNotFoundException ex) {
				this.skipped.incrementAndGet();
			}
			catch (MigrationFailedException ex) {
				failed(new Failure(name.toString(), ex.getVersion(), ex.getCurrentVersion(), ex.getSqliteMessage()));
			}
			catch (RuntimeException ex) {
				logger.warn(LogMessage.format("Failed to migrate database '%s': %s", name, ex.getMessage()));
				failed(new Failure(name.toString(), null, null, String.valueOf(ex.getMessage())));
			}
		}

		private void failed(Failure failure) {
			if (this.failed.incrementAndGet() <= MAX_LISTED_FAILURES) {
				this.failures.add(failure);
			}
		}

		private void awaitWorkers(CountDownLatch done) {
			try {
				while (!done.await(BulkMigration.this.progressInterval.toMillis(), TimeUnit.MILLISECONDS)) {
					logger.info(LogMessage.format(
							"Migrating the databases of kind '%s': %d of %d done, %d migrated, %d already current, "
									+ "%d failed",
							this.kind, done(), this.names.size(), this.migrated.get(), this.current.get(),
							this.failed.get()));
				}
			}
			catch (InterruptedException ex) {
				this.cancelled.set(true);
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while migrating the databases of kind '" + this.kind
						+ "' after " + done() + " of " + this.names.size() + "; the others are left as they are", ex);
			}
		}

		private int done() {
			return this.migrated.get() + this.current.get() + this.failed.get() + this.skipped.get();
		}

		private Report report() {
			List<Failure> listed = new ArrayList<>(this.failures);
			listed.sort(Comparator.comparing(Failure::database));
			long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - this.start);
			return new Report(this.kind, this.names.size(), this.migrated.get(), this.current.get(), this.failed.get(),
					this.skipped.get(), millis, List.copyOf(listed));
		}

		private void logReport(Report report) {
			String summary = report.migrated() + " migrated, " + report.current() + " already current, "
					+ report.failed() + " failed, " + report.skipped() + " deleted meanwhile";
			if (report.failed() == 0) {
				logger.info(LogMessage.format("Migrated the databases of kind '%s' in %d ms: %s", this.kind,
						report.durationMillis(), summary));
				return;
			}
			String names = report.failures()
				.stream()
				.limit(MAX_LOGGED_FAILURES)
				.map(Failure::database)
				.collect(Collectors.joining(", "));
			logger.warn(LogMessage.format("Migrated the databases of kind '%s' in %d ms: %s; failed databases: %s%s",
					this.kind, report.durationMillis(), summary, names, (report.failed() > MAX_LOGGED_FAILURES)
							? " and " + (report.failed() - MAX_LOGGED_FAILURES) + " more" : ""));
		}

	}

	/**
	 * The outcome of {@link BulkMigration#migrateAll(String)}.
	 *
	 * @param kind the kind
	 * @param databases the number of databases that had a file when the migration started
	 * @param migrated the number of databases that were migrated
	 * @param current the number of databases that were already current
	 * @param failed the number of databases whose migration failed
	 * @param skipped the number of databases that were deleted before their turn
	 * @param durationMillis the time the whole migration took, in milliseconds
	 * @param failures the failed databases in name order, at most
	 * {@value BulkMigration#MAX_LISTED_FAILURES}
	 * @since 0.1.0
	 */
	public record Report(String kind, int databases, int migrated, int current, int failed, int skipped,
			long durationMillis, List<Failure> failures) {

	}

	/**
	 * The failed migration of one database.
	 *
	 * @param database the database
	 * @param version the version that failed, or {@code null} if no version ran or the
	 * failure was not in a migration
	 * @param currentVersion the version the database stays at, or {@code null} if it has
	 * none or it is unknown
	 * @param error the message of the failure, SQLite's own where SQLite failed
	 * @since 0.1.0
	 */
	public record Failure(String database, @Nullable String version, @Nullable String currentVersion, String error) {

	}

}
