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

import dev.dorm.actuate.DormMeterBinder;
import dev.dorm.actuate.DormMetrics;
import dev.dorm.mirror.MirrorRelay;
import dev.dorm.registry.TenantDatabaseRegistry;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the Micrometer metrics of the
 * tenant databases: {@link DormMetrics}, which the registry, the migrations and the
 * mirror relay call as a listener, and the gauges of {@link DormMeterBinder}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = { DormAutoConfiguration.class, DormMirrorAutoConfiguration.class },
		afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration")
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({ MeterRegistry.class, TenantDatabaseRegistry.class })
public final class DormMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	DormMetrics dormMetrics(MeterRegistry meterRegistry) {
		return new DormMetrics(meterRegistry);
	}

	@Bean
	@ConditionalOnMissingBean
	DormMeterBinder dormMeterBinder(TenantDatabaseRegistry tenantDatabaseRegistry, ObjectProvider<MirrorRelay> relay) {
		return new DormMeterBinder(tenantDatabaseRegistry, relay.getIfAvailable());
	}

}
