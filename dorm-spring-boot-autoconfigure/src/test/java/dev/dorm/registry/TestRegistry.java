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

package dev.dorm.registry;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import dev.dorm.DormClient;
import dev.dorm.DormDatabase;
import dev.dorm.migration.DormFlywayConfigurationCustomizer;
import dev.dorm.migration.FlywayDatabaseInitializer;
import dev.dorm.migration.MigrationSettings;
import dev.dorm.migration.SqlMigrations;

import org.springframework.core.io.DefaultResourceLoader;

/**
 * A registry on a temporary folder for tests, with the {@code todos} table of the sample
 * application as the migration of kind {@code tenant}.
 */
final class TestRegistry implements AutoCloseable {

	static final String TODOS = "CREATE TABLE todos (id TEXT PRIMARY KEY, title TEXT NOT NULL, "
			+ "done INTEGER NOT NULL DEFAULT 0, created_at INTEGER NOT NULL)";

	final RegistrySettings settings = new RegistrySettings();

	final MigrationSettings migrationSettings = new MigrationSettings();

	final List<SqlMigrations> migrations = new ArrayList<>();

	final List<DormFlywayConfigurationCustomizer> customizers = new ArrayList<>();

	private TenantDatabaseRegistry registry;

	private DormClient client;

	TestRegistry(Path directory) {
		this.settings.setDataDirectory(directory);
		this.migrations.add(SqlMigrations.forKind("tenant").version(1, TODOS));
	}

	TestRegistry configure(Consumer<TestRegistry> configurer) {
		configurer.accept(this);
		return this;
	}

	synchronized TenantDatabaseRegistry registry() {
		start();
		return this.registry;
	}

	synchronized DormClient client() {
		start();
		return this.client;
	}

	DormDatabase database(String name) {
		return client().database(name);
	}

	private synchronized void start() {
		if (this.registry == null) {
			FlywayDatabaseInitializer initializer = new FlywayDatabaseInitializer(new DefaultResourceLoader(),
					this.migrationSettings, this.migrations, this.customizers);
			this.registry = new TenantDatabaseRegistry(this.settings, initializer);
			this.client = new DefaultDormClient(this.registry);
		}
	}

	/**
	 * Close the registry; the next call starts a new one on the same folder, as an
	 * application restart would.
	 */
	@Override
	public synchronized void close() {
		if (this.registry != null) {
			this.registry.close();
			this.registry = null;
			this.client = null;
		}
	}

}
