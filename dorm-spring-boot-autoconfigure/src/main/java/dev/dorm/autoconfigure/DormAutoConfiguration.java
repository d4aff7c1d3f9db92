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

import java.util.LinkedHashSet;
import java.util.Set;

import dev.dorm.DormClient;
import dev.dorm.TenantContext;
import dev.dorm.migration.BulkMigration;
import dev.dorm.migration.DormFlywayConfigurationCustomizer;
import dev.dorm.migration.FlywayDatabaseInitializer;
import dev.dorm.migration.MigrationListener;
import dev.dorm.migration.SqlMigrations;
import dev.dorm.registry.DatabaseInitializer;
import dev.dorm.registry.DefaultDormClient;
import dev.dorm.registry.RegistryListener;
import dev.dorm.registry.RegistrySettings;
import dev.dorm.registry.TenantDatabaseRegistry;
import dev.dorm.registry.WriterConnectionListener;
import org.sqlite.SQLiteConnection;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for dorm-spring's tenant databases.
 *
 * @since 0.1.0
 */
@AutoConfiguration
@ConditionalOnClass({ SQLiteConnection.class, JdbcTemplate.class })
@ConditionalOnBooleanProperty(name = "dorm.enabled", matchIfMissing = true)
@EnableConfigurationProperties(DormProperties.class)
public final class DormAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	TenantDatabaseRegistry tenantDatabaseRegistry(DormProperties properties,
			ObjectProvider<DatabaseInitializer> initializer, ObjectProvider<SqlMigrations> sqlMigrations,
			ObjectProvider<WriterConnectionListener> writerListeners,
			ObjectProvider<RegistryListener> registryListeners) {
		Set<String> codeKinds = new LinkedHashSet<>();
		sqlMigrations.orderedStream().forEach((migrations) -> codeKinds.add(migrations.getKind()));
		RegistrySettings settings = DormSettingsMapper.registrySettings(properties, codeKinds);
		TenantContext.setDefaultKind(settings.getDefaultKind());
		return new TenantDatabaseRegistry(settings, initializer.getIfAvailable(() -> DatabaseInitializer.NONE),
				writerListeners.orderedStream().toList(), registryListeners.orderedStream().toList());
	}

	@Bean
	@ConditionalOnMissingBean
	DormClient dormClient(TenantDatabaseRegistry tenantDatabaseRegistry) {
		return new DefaultDormClient(tenantDatabaseRegistry);
	}

	@Bean
	@ConditionalOnMissingBean
	BulkMigration dormBulkMigration(TenantDatabaseRegistry tenantDatabaseRegistry, DormProperties properties) {
		return new BulkMigration(tenantDatabaseRegistry, properties.getMigrations().getParallelism());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.flywaydb.core.Flyway")
	@ConditionalOnBooleanProperty(name = "dorm.migrations.enabled", matchIfMissing = true)
	static class MigrationConfiguration {

		@Bean
		@ConditionalOnMissingBean(DatabaseInitializer.class)
		FlywayDatabaseInitializer dormFlywayDatabaseInitializer(DormProperties properties,
				ResourceLoader resourceLoader, ObjectProvider<SqlMigrations> sqlMigrations,
				ObjectProvider<DormFlywayConfigurationCustomizer> customizers,
				ObjectProvider<MigrationListener> migrationListeners) {
			return new FlywayDatabaseInitializer(resourceLoader, DormSettingsMapper.migrationSettings(properties),
					sqlMigrations.orderedStream().toList(), customizers.orderedStream().toList(),
					migrationListeners.orderedStream().toList());
		}

		@Bean
		@ConditionalOnBooleanProperty("dorm.migrations.eager")
		EagerMigrationRunner dormEagerMigrationRunner(TenantDatabaseRegistry tenantDatabaseRegistry,
				BulkMigration bulkMigration, ObjectProvider<DatabaseInitializer> initializer) {
			return new EagerMigrationRunner(tenantDatabaseRegistry, bulkMigration, initializer.getIfAvailable());
		}

	}

}
