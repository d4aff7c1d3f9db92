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

import java.util.Locale;
import java.util.concurrent.TimeUnit;

import dev.dorm.DatabaseName;
import dev.dorm.MigrationFailedException;
import dev.dorm.migration.MigrationListener;
import dev.dorm.mirror.MirrorListener;
import dev.dorm.registry.RegistryListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter.MeterProvider;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Records the events of the registry, the migrations and the mirror relay as Micrometer
 * meters. Tags hold only kinds and outcomes, never a database key, so the number of time
 * series stays bounded by the number of configured kinds.
 * <ul>
 * <li>{@value #OPENS}: timer of database opens, creation and migration included, tagged
 * {@code kind} and {@code created} ({@code true} or {@code false}).</li>
 * <li>{@value #EVICTIONS}: counter of closed databases, tagged {@code kind} and
 * {@code reason} ({@code idle}, {@code lru}, {@code closed} or {@code deleted}).</li>
 * <li>{@value #MIGRATIONS}: timer of database migrations, tagged {@code kind} and
 * {@code outcome} ({@code success} or {@code failure}).</li>
 * <li>{@value #MIRROR_CHANGE_LAG}: timer of the time from the commit of each mirrored
 * change to its application, tagged {@code kind}.</li>
 * <li>{@value #MIRROR_FAILURES}: counter of failed attempts to apply changes, tagged
 * {@code kind} and {@code reachable} ({@code true} when the mirror responded and rejected
 * a change, {@code false} when it could not be reached).</li>
 * </ul>
 * The gauges are bound by {@link DormMeterBinder}.
 *
 * @since 0.1.0
 */
public class DormMetrics implements RegistryListener, MigrationListener, MirrorListener {

	/**
	 * Name of the timer of database opens.
	 */
	public static final String OPENS = "dorm.database.opens";

	/**
	 * Name of the counter of closed databases.
	 */
	public static final String EVICTIONS = "dorm.database.evictions";

	/**
	 * Name of the timer of database migrations.
	 */
	public static final String MIGRATIONS = "dorm.database.migrations";

	/**
	 * Name of the timer of the lag of each applied mirror change.
	 */
	public static final String MIRROR_CHANGE_LAG = "dorm.mirror.change.lag";

	/**
	 * Name of the counter of failed attempts to apply mirror changes.
	 */
	public static final String MIRROR_FAILURES = "dorm.mirror.failures";

	private static final String KIND = "kind";

	private final MeterProvider<Timer> opens;

	private final MeterProvider<Counter> evictions;

	private final MeterProvider<Timer> migrations;

	private final MeterProvider<Timer> mirrorChangeLag;

	private final MeterProvider<Counter> mirrorFailures;

	/**
	 * Create metrics that register their meters in the given registry.
	 * @param meterRegistry the meter registry
	 */
	public DormMetrics(MeterRegistry meterRegistry) {
		Assert.notNull(meterRegistry, "'meterRegistry' must not be null");
		this.opens = Timer.builder(OPENS)
			.description("Time to open a tenant database, creation and migration included")
			.withRegistry(meterRegistry);
		this.evictions = Counter.builder(EVICTIONS)
			.description("Open tenant databases that were closed")
			.baseUnit("databases")
			.withRegistry(meterRegistry);
		this.migrations = Timer.builder(MIGRATIONS)
			.description("Time to migrate a tenant database")
			.withRegistry(meterRegistry);
		this.mirrorChangeLag = Timer.builder(MIRROR_CHANGE_LAG)
			.description("Time from the commit of a mirrored change to its application to the mirror")
			.withRegistry(meterRegistry);
		this.mirrorFailures = Counter.builder(MIRROR_FAILURES)
			.description("Failed attempts to apply mirrored changes")
			.baseUnit("attempts")
			.withRegistry(meterRegistry);
	}

	@Override
	public void databaseOpened(DatabaseName name, boolean created, long nanos) {
		this.opens.withTags(KIND, name.kind(), "created", Boolean.toString(created))
			.record(nanos, TimeUnit.NANOSECONDS);
	}

	@Override
	public void databaseClosed(DatabaseName name, CloseReason reason) {
		this.evictions.withTags(KIND, name.kind(), "reason", reason.name().toLowerCase(Locale.ROOT)).increment();
	}

	@Override
	public void migrated(DatabaseName name, @Nullable String fromVersion, @Nullable String toVersion, long nanos) {
		this.migrations.withTags(KIND, name.kind(), "outcome", "success").record(nanos, TimeUnit.NANOSECONDS);
	}

	@Override
	public void failed(DatabaseName name, MigrationFailedException failure, long nanos) {
		this.migrations.withTags(KIND, name.kind(), "outcome", "failure").record(nanos, TimeUnit.NANOSECONDS);
	}

	@Override
	public void applied(DatabaseName tenant, long lagMillis) {
		this.mirrorChangeLag.withTags(KIND, tenant.kind()).record(lagMillis, TimeUnit.MILLISECONDS);
	}

	@Override
	public void failed(DatabaseName tenant, boolean targetReachable, Exception ex) {
		this.mirrorFailures.withTags(KIND, tenant.kind(), "reachable", Boolean.toString(targetReachable)).increment();
	}

}
