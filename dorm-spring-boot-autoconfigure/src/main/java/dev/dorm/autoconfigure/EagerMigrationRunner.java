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

import dev.dorm.migration.BulkMigration;
import dev.dorm.migration.FlywayDatabaseInitializer;
import dev.dorm.registry.DatabaseInitializer;
import dev.dorm.registry.TenantDatabaseRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;

/**
 * Migrates every existing database of each kind with migrations when the application
 * starts. Spring Boot publishes its readiness state {@code ACCEPTING_TRAFFIC} after the
 * application runners, so the application reports ready only once this is done. It runs
 * before other application runners, which may then rely on current databases.
 */
final class EagerMigrationRunner implements ApplicationRunner, Ordered {

	private final TenantDatabaseRegistry registry;

	private final BulkMigration bulkMigration;

	private final @Nullable DatabaseInitializer initializer;

	EagerMigrationRunner(TenantDatabaseRegistry registry, BulkMigration bulkMigration,
			@Nullable DatabaseInitializer initializer) {
		this.registry = registry;
		this.bulkMigration = bulkMigration;
		this.initializer = initializer;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (this.initializer == null || this.initializer == DatabaseInitializer.NONE) {
			return;
		}
		for (String kind : this.registry.kinds()) {
			if (!(this.initializer instanceof FlywayDatabaseInitializer flyway) || flyway.hasMigrations(kind)) {
				this.bulkMigration.migrateAll(kind);
			}
		}
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
