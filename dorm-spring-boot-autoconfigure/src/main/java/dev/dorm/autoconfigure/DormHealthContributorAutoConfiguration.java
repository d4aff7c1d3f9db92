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

import dev.dorm.actuate.DormHealthIndicator;
import dev.dorm.mirror.MirrorRelay;
import dev.dorm.registry.TenantDatabaseRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.context.annotation.Bean;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the {@link DormHealthIndicator},
 * named {@code dorm} and switched off with {@code management.health.dorm.enabled=false}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = { DormAutoConfiguration.class, DormMirrorAutoConfiguration.class },
		beforeName = "org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration")
@ConditionalOnClass(Health.class)
@ConditionalOnBean(TenantDatabaseRegistry.class)
@ConditionalOnEnabledHealthIndicator("dorm")
public final class DormHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "dormHealthIndicator")
	DormHealthIndicator dormHealthIndicator(TenantDatabaseRegistry tenantDatabaseRegistry,
			ObjectProvider<MirrorRelay> relay) {
		return new DormHealthIndicator(tenantDatabaseRegistry, relay.getIfAvailable());
	}

}
