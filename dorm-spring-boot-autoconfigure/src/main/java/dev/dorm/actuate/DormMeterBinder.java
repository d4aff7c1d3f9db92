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

import java.util.concurrent.TimeUnit;

import dev.dorm.mirror.MirrorRelay;
import dev.dorm.registry.TenantDatabaseRegistry;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * {@link MeterBinder} for the gauges of the tenant databases and the mirror relay. The
 * gauges read state kept in memory, so a scrape opens no database.
 * <ul>
 * <li>{@value #OPEN}: number of open databases.</li>
 * <li>{@value #OPEN_MAX}: maximum number of open databases.</li>
 * <li>{@value #MIRROR_LAG}: age of the oldest mirrored change not yet applied, 0 when
 * there is none.</li>
 * <li>{@value #MIRROR_PENDING}: number of databases with mirrored changes not yet
 * applied.</li>
 * <li>{@value #MIRROR_PARKED}: number of parked mirrored changes.</li>
 * </ul>
 * The mirror gauges are bound only when there is a mirror relay.
 *
 * @since 0.1.0
 */
public class DormMeterBinder implements MeterBinder {

	/**
	 * Name of the gauge of open databases.
	 */
	public static final String OPEN = "dorm.databases.open";

	/**
	 * Name of the gauge of the maximum number of open databases.
	 */
	public static final String OPEN_MAX = "dorm.databases.open.max";

	/**
	 * Name of the gauge of the age of the oldest pending mirrored change.
	 */
	public static final String MIRROR_LAG = "dorm.mirror.lag";

	/**
	 * Name of the gauge of databases with pending mirrored changes.
	 */
	public static final String MIRROR_PENDING = "dorm.mirror.pending";

	/**
	 * Name of the gauge of parked mirrored changes.
	 */
	public static final String MIRROR_PARKED = "dorm.mirror.parked";

	private final TenantDatabaseRegistry registry;

	private final @Nullable MirrorRelay relay;

	/**
	 * Create a binder.
	 * @param registry the registry of the databases
	 * @param relay the mirror relay, or {@code null} if there is none
	 */
	public DormMeterBinder(TenantDatabaseRegistry registry, @Nullable MirrorRelay relay) {
		Assert.notNull(registry, "'registry' must not be null");
		this.registry = registry;
		this.relay = relay;
	}

	@Override
	public void bindTo(MeterRegistry meterRegistry) {
		Gauge.builder(OPEN, this.registry, TenantDatabaseRegistry::getOpenCount)
			.description("Open tenant databases")
			.baseUnit("databases")
			.register(meterRegistry);
		Gauge.builder(OPEN_MAX, this.registry, TenantDatabaseRegistry::getMaxOpen)
			.description("Maximum number of open tenant databases")
			.baseUnit("databases")
			.register(meterRegistry);
		if (this.relay != null) {
			TimeGauge.builder(MIRROR_LAG, this.relay, TimeUnit.MILLISECONDS, (relay) -> relay.status().lagMillis())
				.description("Age of the oldest mirrored change not yet applied")
				.register(meterRegistry);
			Gauge.builder(MIRROR_PENDING, this.relay, (relay) -> relay.status().pendingDatabases())
				.description("Tenant databases with mirrored changes not yet applied")
				.baseUnit("databases")
				.register(meterRegistry);
			Gauge.builder(MIRROR_PARKED, this.relay, (relay) -> relay.status().totalParkedRecords())
				.description("Mirrored changes parked after failing too often")
				.baseUnit("changes")
				.register(meterRegistry);
		}
	}

}
