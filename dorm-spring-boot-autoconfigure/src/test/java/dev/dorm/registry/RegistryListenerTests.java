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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.dorm.DatabaseName;
import dev.dorm.DormClient;
import dev.dorm.migration.FlywayDatabaseInitializer;
import dev.dorm.migration.MigrationSettings;
import dev.dorm.migration.SqlMigrations;
import dev.dorm.registry.RegistryListener.CloseReason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.core.io.DefaultResourceLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RegistryListener} and the state a {@link TenantDatabaseRegistry}
 * reports about single databases.
 */
class RegistryListenerTests {

	@TempDir
	Path dataDirectory;

	private final List<String> events = new CopyOnWriteArrayList<>();

	private TenantDatabaseRegistry registry;

	private DormClient client;

	@AfterEach
	void close() {
		if (this.registry != null) {
			this.registry.close();
		}
	}

	private void start(RegistrySettings settings, RegistryListener... listeners) {
		settings.setDataDirectory(this.dataDirectory);
		MigrationSettings migrationSettings = new MigrationSettings();
		migrationSettings.setLocations(List.of());
		FlywayDatabaseInitializer initializer = new FlywayDatabaseInitializer(new DefaultResourceLoader(),
				migrationSettings, List.of(SqlMigrations.forKind("tenant").version(1, TestRegistry.TODOS)), List.of());
		this.registry = new TenantDatabaseRegistry(settings, initializer, List.of(), List.of(listeners));
		this.client = new DefaultDormClient(this.registry);
	}

	private RegistryListener recorder() {
		return new RegistryListener() {

			@Override
			public void databaseOpened(DatabaseName name, boolean created, long nanos) {
				RegistryListenerTests.this.events
					.add("opened " + name + " created=" + created + " timed=" + (nanos > 0));
			}

			@Override
			public void databaseClosed(DatabaseName name, CloseReason reason) {
				RegistryListenerTests.this.events.add("closed " + name + " " + reason);
			}

		};
	}

	@Test
	void openingsTellWhetherTheFileWasCreated() {
		start(new RegistrySettings(), recorder());
		this.client.database("tenant:a").exec("SELECT 1");
		this.registry.close(DatabaseName.parse("tenant:a", "tenant"));
		this.client.database("tenant:a").exec("SELECT 1");
		assertThat(this.events).containsExactly("opened tenant:a created=true timed=true", "closed tenant:a CLOSED",
				"opened tenant:a created=false timed=true");
	}

	@Test
	void closingsTellTheirReason() throws Exception {
		RegistrySettings settings = new RegistrySettings();
		settings.setMaxOpen(1);
		settings.setIdleTimeout(Duration.ofMillis(200));
		start(settings, recorder());
		this.client.database("tenant:a").exec("SELECT 1");
		this.client.database("tenant:b").exec("SELECT 1");
		this.client.delete("tenant:b");
		this.client.database("tenant:c").exec("SELECT 1");
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (!this.events.contains("closed tenant:c IDLE") && System.nanoTime() < deadline) {
			Thread.sleep(20);
		}
		assertThat(this.events).filteredOn((event) -> event.startsWith("closed "))
			.containsExactly("closed tenant:a LRU", "closed tenant:b DELETED", "closed tenant:c IDLE");
	}

	@Test
	void failingListenerDoesNotFailTheOpen() {
		start(new RegistrySettings(), new RegistryListener() {

			@Override
			public void databaseOpened(DatabaseName name, boolean created, long nanos) {
				throw new IllegalStateException("listener failed");
			}

		}, recorder());
		assertThat(this.client.database("tenant:a").exec("SELECT 1").rows()).hasSize(1);
		assertThat(this.events).containsExactly("opened tenant:a created=true timed=true");
	}

	@Test
	void lastUsedIsKnownOnlyForOpenDatabases() {
		start(new RegistrySettings());
		DatabaseName name = DatabaseName.parse("tenant:a", "tenant");
		assertThat(this.registry.getLastUsed(name)).isNull();
		Instant before = Instant.now();
		this.client.database(name).exec("SELECT 1");
		assertThat(this.registry.getLastUsed(name)).isBetween(before.minusMillis(50), Instant.now().plusMillis(50));
		this.registry.close(name);
		assertThat(this.registry.getLastUsed(name)).isNull();
	}

}
