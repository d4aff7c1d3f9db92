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

package dev.dorm.mirror;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import dev.dorm.DatabaseBusyException;
import dev.dorm.DatabaseName;
import dev.dorm.DormClient;
import dev.dorm.DormDatabase;
import dev.dorm.DormResult;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.log.LogMessage;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.util.Assert;

/**
 * Applies the changes recorded in the outboxes of mirrored databases to their mirror, and
 * removes them once applied.
 * <p>
 * Each database is processed by one relay thread at a time, so its changes are applied in
 * commit order. A batch is read in a write transaction of the tenant database, which
 * waits for a commit in progress, applied to the target in one target transaction, and
 * then deleted from the outbox; a crash between the last two steps applies the batch
 * again, which has no further effect because the target upserts and deletes by key.
 * <p>
 * When the target cannot be reached the relay retries with exponential backoff as long as
 * it takes, so changes wait in the outboxes. When the target is reachable but rejects a
 * change, the relay retries that change and parks it after
 * {@link RelaySettings#getMaxAttempts()} attempts in the database's
 * {@code _dorm_outbox_parked} table with its error, then goes on with the next ones.
 *
 * @since 0.1.0
 */
public class MirrorRelay implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(MirrorRelay.class);

	private static final int IDLE = 0;

	private static final int QUEUED = 1;

	private static final int RUNNING = 2;

	private static final int RUNNING_DIRTY = 3;

	private static final long UNREACHABLE_LOG_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

	private final DormClient client;

	private final Map<String, MirrorTarget> targets;

	private final RelaySettings settings;

	private final MirrorListener listener;

	private final ScheduledThreadPoolExecutor executor;

	private final Map<DatabaseName, AtomicInteger> states = new ConcurrentHashMap<>();

	private final Map<DatabaseName, Long> notBefore = new ConcurrentHashMap<>();

	private final Map<DatabaseName, Long> oldestPending = new ConcurrentHashMap<>();

	// TODO: Attempts are counted in memory only, so a restart starts a rejected change's
	// count again, and an application that restarts more often than the backoff sequence
	// lasts never parks it.
	private final Map<DatabaseName, Failure> failures = new ConcurrentHashMap<>();

	private final Map<DatabaseName, Long> parked = new ConcurrentHashMap<>();

	private final Map<MirrorTarget, Long> unreachableSince = new ConcurrentHashMap<>();

	private final AtomicLong applied = new AtomicLong();

	private final AtomicLong failedAttempts = new AtomicLong();

	private volatile boolean closed;

	/**
	 * Create a relay.
	 * @param client the client of the tenant databases
	 * @param destinations where the changes of each mirrored kind go
	 * @param settings the relay settings
	 * @param listener receives the relay's events
	 * @return the relay, not started
	 */
	public static MirrorRelay create(DormClient client, Map<String, MirrorDestination> destinations,
			RelaySettings settings, MirrorListener listener) {
		Map<String, MirrorTarget> targets = new java.util.LinkedHashMap<>();
		Map<MirrorDestination, MirrorTarget> shared = new java.util.HashMap<>();
		destinations.forEach((kind, destination) -> targets.put(kind, shared.computeIfAbsent(destination,
				(key) -> new JdbcMirrorTarget(key.dataSource(), key.description()))));
		return new MirrorRelay(client, targets, settings, listener);
	}

	MirrorRelay(DormClient client, Map<String, MirrorTarget> targets, RelaySettings settings, MirrorListener listener) {
		Assert.notNull(client, "'client' must not be null");
		Assert.isTrue(settings.getThreads() > 0, "'threads' must be positive");
		Assert.isTrue(settings.getBatchSize() > 0, "'batchSize' must be positive");
		Assert.isTrue(settings.getMaxAttempts() > 0, "'maxAttempts' must be positive");
		this.client = client;
		this.targets = Map.copyOf(targets);
		this.settings = settings;
		this.listener = listener;
		this.executor = new ScheduledThreadPoolExecutor(settings.getThreads(), threadFactory());
		this.executor.setRemoveOnCancelPolicy(true);
	}

	private static ThreadFactory threadFactory() {
		AtomicInteger count = new AtomicInteger();
		return (task) -> {
			Thread thread = new Thread(task, "dorm-mirror-relay-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

	/**
	 * Start the relay: look for pending changes in every mirrored database if configured,
	 * and apply changes as they are committed.
	 */
	public void start() {
		if (this.settings.isScanOnStart()) {
			this.executor.execute(this::scan);
		}
	}

	private void scan() {
		// TODO: This opens every database of a mirrored kind to find the few with pending
		// changes. At about 0.6 ms per reopen (ScaleRun), 100,000 databases would take
		// about a minute.
		for (String kind : this.targets.keySet()) {
			for (DatabaseName name : this.client.list(kind)) {
				if (this.closed) {
					return;
				}
				try {
					refreshParked(this.client.database(name));
					markDirty(name);
				}
				catch (RuntimeException ex) {
					logger.warn(LogMessage.format("Failed to look for pending mirror changes of database '%s'", name),
							ex);
				}
			}
		}
	}

	/**
	 * Note that a database committed changes to mirror.
	 * @param name the database
	 */
	public void markDirty(DatabaseName name) {
		if (this.closed || !this.targets.containsKey(name.kind())) {
			return;
		}
		AtomicInteger state = this.states.computeIfAbsent(name, (key) -> new AtomicInteger());
		while (true) {
			int current = state.get();
			if (current == IDLE) {
				if (state.compareAndSet(IDLE, QUEUED)) {
					submit(name, state);
					return;
				}
			}
			else if (current == RUNNING) {
				if (state.compareAndSet(RUNNING, RUNNING_DIRTY)) {
					return;
				}
			}
			else {
				return;
			}
		}
	}

	private void submit(DatabaseName name, AtomicInteger state) {
		if (this.closed) {
			state.set(IDLE);
			return;
		}
		this.executor.execute(() -> run(name, state));
	}

	private void run(DatabaseName name, AtomicInteger state) {
		state.set(RUNNING);
		boolean more = false;
		try {
			more = process(name);
		}
		catch (RuntimeException ex) {
			logger.warn(LogMessage.format("Failed to relay mirror changes of database '%s'", name), ex);
			backoff(name, 1);
		}
		if (more) {
			state.set(QUEUED);
			submit(name, state);
		}
		else if (!state.compareAndSet(RUNNING, IDLE)) {
			state.set(QUEUED);
			submit(name, state);
		}
	}

	private boolean process(DatabaseName name) {
		Long waitUntil = this.notBefore.get(name);
		if (waitUntil != null && waitUntil - System.nanoTime() > 0) {
			return false;
		}
		if (!this.client.exists(name.toString())) {
			forget(name);
			return false;
		}
		MirrorTarget target = this.targets.get(name.kind());
		DormDatabase database = this.client.database(name);
		List<OutboxRecord> batch = database.transaction((tx) -> readBatch(tx));
		if (batch.isEmpty()) {
			this.oldestPending.remove(name);
			return false;
		}
		this.oldestPending.put(name, batch.get(0).createdAt());
		try {
			target.apply(name, batch, (table) -> shapeOf(database, table));
			database.exec(Outbox.DELETE_UP_TO, batch.get(batch.size() - 1).id());
			succeeded(name, target, batch);
			if (batch.size() < this.settings.getBatchSize()) {
				this.oldestPending.remove(name);
				return false;
			}
			return true;
		}
		catch (Exception ex) {
			return failed(name, database, target, batch, ex);
		}
	}

	private void forget(DatabaseName name) {
		this.oldestPending.remove(name);
		this.failures.remove(name);
		this.parked.remove(name);
		this.notBefore.remove(name);
	}

	private List<OutboxRecord> readBatch(DormDatabase database) {
		DormResult result = database.exec(Outbox.SELECT_BATCH, this.settings.getBatchSize());
		List<OutboxRecord> records = new ArrayList<>(result.rows().size());
		for (List<@Nullable Object> row : result.rows()) {
			records.add(new OutboxRecord(((Number) row.get(0)).longValue(), (String) row.get(1), (String) row.get(2),
					(String) row.get(3), (String) row.get(4), ((Number) row.get(5)).longValue()));
		}
		return records;
	}

	private static TableShape shapeOf(DormDatabase database, String table) {
		return TableShape.of(table,
				database.exec("SELECT name, type, pk FROM pragma_table_info(?) ORDER BY cid", table).rows());
	}

	private void succeeded(DatabaseName name, MirrorTarget target, List<OutboxRecord> records) {
		this.failures.remove(name);
		this.notBefore.remove(name);
		this.applied.addAndGet(records.size());
		long now = System.currentTimeMillis();
		for (OutboxRecord record : records) {
			this.listener.applied(name, Math.max(0, now - record.createdAt()));
		}
		if (this.unreachableSince.remove(target) != null) {
			logger.info(LogMessage.format("Mirror target %s is reachable again", target.describe()));
		}
	}

	private boolean failed(DatabaseName name, DormDatabase database, MirrorTarget target, List<OutboxRecord> batch,
			Exception ex) {
		this.failedAttempts.incrementAndGet();
		boolean reachable = !isTransient(ex) && target.isAvailable();
		this.listener.failed(name, reachable, ex);
		if (!reachable) {
			unreachable(name, target, ex);
			return false;
		}
		for (OutboxRecord record : batch) {
			try {
				target.apply(name, List.of(record), (table) -> shapeOf(database, table));
				database.exec(Outbox.DELETE_ONE, record.id());
				succeeded(name, target, List.of(record));
			}
			catch (Exception single) {
				if (isTransient(single) || !target.isAvailable()) {
					unreachable(name, target, single);
					return false;
				}
				Failure failure = this.failures.compute(name,
						(key, previous) -> (previous != null && previous.recordId() == record.id())
								? previous.next(single) : new Failure(record.id(), 1, single));
				if (failure.attempts() < this.settings.getMaxAttempts()) {
					if (failure.attempts() == 1) {
						logger.warn(LogMessage.format(
								"Mirror target %s rejected change %d of table '%s' of database '%s'; later changes of"
										+ " the database wait while it is retried: %s",
								target.describe(), record.id(), record.table(), name, single.getMessage()));
					}
					logger.debug(LogMessage.format("Mirror target %s rejected change %d of database '%s' (attempt %d)",
							target.describe(), record.id(), name, failure.attempts()), single);
					backoff(name, failure.attempts());
					return false;
				}
				park(name, database, record, failure);
			}
		}
		return true;
	}

	private void unreachable(DatabaseName name, MirrorTarget target, Exception ex) {
		long now = System.nanoTime();
		Long since = this.unreachableSince.putIfAbsent(target, now);
		if (since == null) {
			logger.warn(LogMessage.format("Mirror target %s failed; changes wait in the outboxes and are retried: %s",
					target.describe(), ex.getMessage()));
		}
		else if (now - since > UNREACHABLE_LOG_INTERVAL_NANOS && this.unreachableSince.replace(target, since, now)) {
			logger.warn(LogMessage.format("Mirror target %s still fails; %d databases have changes waiting: %s",
					target.describe(), this.oldestPending.size(), ex.getMessage()));
		}
		Failure failure = this.failures.compute(name,
				(key, previous) -> (previous != null) ? previous.next(ex) : new Failure(-1, 1, ex));
		backoff(name, failure.attempts());
	}

	private void park(DatabaseName name, DormDatabase database, OutboxRecord record, Failure failure) {
		String error = String.valueOf(failure.error().getMessage());
		database.transactionWithoutResult((tx) -> {
			tx.exec(Outbox.PARK, failure.attempts(), error, System.currentTimeMillis(), record.id());
			tx.exec(Outbox.DELETE_ONE, record.id());
		});
		this.failures.remove(name);
		refreshParked(database);
		logger.warn(LogMessage.format("Parked change %d of table '%s' of database '%s' after %d attempts: %s",
				record.id(), record.table(), name, failure.attempts(), firstLine(error)));
		this.listener.parked(name, record);
	}

	/**
	 * Return the first line of an error message. Later lines of some drivers' messages,
	 * such as PostgreSQL's {@code Detail: Failing row contains (...)}, carry row values,
	 * which stay out of the log.
	 */
	private static String firstLine(String message) {
		int newline = message.indexOf('\n');
		return (newline >= 0) ? message.substring(0, newline).strip() : message;
	}

	private void refreshParked(DormDatabase database) {
		Number count = (Number) database.exec(Outbox.COUNT_PARKED).rows().get(0).get(0);
		if (count.longValue() > 0) {
			this.parked.put(database.name(), count.longValue());
		}
		else {
			this.parked.remove(database.name());
		}
	}

	private void backoff(DatabaseName name, int attempts) {
		long initial = this.settings.getInitialBackoff().toNanos();
		long delay = Math.min(this.settings.getMaxBackoff().toNanos(),
				initial << Math.min(30, Math.max(0, attempts - 1)));
		this.notBefore.put(name, System.nanoTime() + delay);
		if (!this.closed) {
			this.executor.schedule(() -> {
				this.notBefore.remove(name);
				markDirty(name);
			}, delay, TimeUnit.NANOSECONDS);
		}
	}

	static boolean isTransient(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof TransientDataAccessException || cause instanceof DatabaseBusyException
					|| cause instanceof SQLTransientException || cause instanceof SQLRecoverableException
					|| cause instanceof ConnectException) {
				return true;
			}
			if (cause instanceof SQLException sqlException && isTransient(sqlException)) {
				return true;
			}
		}
		return false;
	}

	private static boolean isTransient(SQLException ex) {
		String state = ex.getSQLState();
		if (state != null && (state.startsWith("08") || state.startsWith("53") || state.startsWith("57P")
				|| state.startsWith("40"))) {
			return true;
		}
		int primary = ex.getErrorCode() & 0xff;
		return state == null && (primary == 5 || primary == 6 || primary == 10 || primary == 13 || primary == 14);
	}

	/**
	 * Return a snapshot of the relay's progress.
	 * @return the status
	 */
	public MirrorStatus status() {
		long now = System.currentTimeMillis();
		long oldest = this.oldestPending.values().stream().mapToLong(Long::longValue).min().orElse(now);
		Map<String, Long> parkedByName = new TreeMap<>();
		this.parked.forEach((name, count) -> parkedByName.put(name.toString(), count));
		return new MirrorStatus(this.oldestPending.size(), Math.max(0, now - oldest), this.applied.get(),
				this.failedAttempts.get(), parkedByName);
	}

	/**
	 * Stop the relay threads. Changes not yet applied stay in the outboxes.
	 */
	@Override
	public void close() {
		this.closed = true;
		this.executor.shutdownNow();
		try {
			this.executor.awaitTermination(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private record Failure(long recordId, int attempts, Exception error) {

		Failure next(Exception ex) {
			return new Failure(this.recordId, this.attempts + 1, ex);
		}

	}

}
