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

import dev.dorm.actuate.DormEndpoint;
import dev.dorm.actuate.DormEndpointWebExtension;
import dev.dorm.migration.BulkMigration;
import dev.dorm.migration.FlywayDatabaseInitializer;
import dev.dorm.mirror.MirrorRelay;
import dev.dorm.registry.DatabaseInitializer;
import dev.dorm.registry.TenantDatabaseRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.expose.EndpointExposure;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.util.ClassUtils;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the {@link DormEndpoint}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = { DormAutoConfiguration.class, DormMirrorAutoConfiguration.class })
@ConditionalOnClass(Endpoint.class)
@ConditionalOnBean(TenantDatabaseRegistry.class)
@ConditionalOnAvailableEndpoint(DormEndpoint.class)
public final class DormEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	DormEndpoint dormEndpoint(TenantDatabaseRegistry tenantDatabaseRegistry,
			ObjectProvider<DatabaseInitializer> initializer, ObjectProvider<MirrorRelay> relay,
			ObjectProvider<BulkMigration> bulkMigration, DormProperties properties) {
		BulkMigration migration = bulkMigration.getIfAvailable(
				() -> new BulkMigration(tenantDatabaseRegistry, properties.getMigrations().getParallelism()));
		return new DormEndpoint(tenantDatabaseRegistry, flywayInitializer(initializer.getIfAvailable()),
				relay.getIfAvailable(), migration, properties.getActuator().isWriteOperations(),
				DormSettingsMapper.backupDirectory(properties));
	}

	private static @Nullable FlywayDatabaseInitializer flywayInitializer(@Nullable DatabaseInitializer initializer) {
		if (!ClassUtils.isPresent("org.flywaydb.core.Flyway", DormEndpointAutoConfiguration.class.getClassLoader())) {
			return null;
		}
		return (initializer instanceof FlywayDatabaseInitializer flyway) ? flyway : null;
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(DormEndpoint.class)
	@ConditionalOnAvailableEndpoint(exposure = EndpointExposure.WEB)
	DormEndpointWebExtension dormEndpointWebExtension(DormEndpoint dormEndpoint) {
		return new DormEndpointWebExtension(dormEndpoint);
	}

}
