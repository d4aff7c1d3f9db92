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

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.dorm.DatabaseName;
import dev.dorm.DormClient;
import dev.dorm.TenantContext;
import dev.dorm.migration.FlywayDatabaseInitializer;
import dev.dorm.migration.MigrationSettings;
import dev.dorm.migration.SqlMigrations;
import dev.dorm.registry.DefaultDormClient;
import dev.dorm.registry.RegistrySettings;
import dev.dorm.registry.TenantDatabaseRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.DefaultResourceLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that {@code dorm.migrations.eager=true} migrates every existing database before
 * the application reports that it accepts traffic.
 */
@ExtendWith(OutputCaptureExtension.class)
class EagerMigrationTests {

	private static final String NOTES = "CREATE TABLE notes (id INTEGER PRIMARY KEY AUTOINCREMENT, title TEXT NOT NULL)";

	private static final String REJECT_BAD_NOTES = "CREATE TABLE checked_notes (id INTEGER PRIMARY KEY, "
			+ "title TEXT NOT NULL CHECK (title <> 'bad')); INSERT INTO checked_notes SELECT id, title FROM notes";

	@TempDir
	Path dataDirectory;

	@AfterEach
	void resetDefaultKind() {
		TenantContext.setDefaultKind("tenant");
	}

	@Test
	void databasesAreMigratedBeforeReadiness(CapturedOutput output) {
		createAtVersion1("a", "b", "c", "bad");
		Map<String, Boolean> currentWhenReady = startAndInspectWhenReady("dorm.migrations.eager=true");
		assertThat(currentWhenReady).containsExactly(Map.entry("tenant:a", true), Map.entry("tenant:b", true),
				Map.entry("tenant:bad", false), Map.entry("tenant:c", true));
		assertThat(output).contains("Migrating 4 databases of kind 'tenant' with 2 threads")
			.contains("3 migrated, 0 already current, 1 failed, 0 deleted meanwhile; failed databases: tenant:bad");
	}

	@Test
	void databasesStayBehindWithoutEagerMigration() {
		createAtVersion1("a", "b");
		Map<String, Boolean> currentWhenReady = startAndInspectWhenReady("dorm.migrations.eager=false");
		assertThat(currentWhenReady).containsExactly(Map.entry("tenant:a", false), Map.entry("tenant:b", false));
	}

	private Map<String, Boolean> startAndInspectWhenReady(String eager) {
		Map<String, Boolean> current = new TreeMap<>();
		ApplicationListener<AvailabilityChangeEvent<?>> readiness = (event) -> {
			if (event.getState() == ReadinessState.ACCEPTING_TRAFFIC) {
				current.putAll(inspect((ApplicationContext) event.getSource()));
			}
		};
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Version2.class)
			.web(WebApplicationType.NONE)
			.properties("dorm.data-dir=" + this.dataDirectory, "spring.main.banner-mode=off", eager)
			.listeners(readiness)
			.run()) {
			assertThat(current).as("databases inspected when the application became ready").isNotEmpty();
		}
		return current;
	}

	private Map<String, Boolean> inspect(ApplicationContext context) {
		TenantDatabaseRegistry registry = context.getBean(TenantDatabaseRegistry.class);
		int stamp = context.getBean(FlywayDatabaseInitializer.class).stamp("tenant");
		Map<String, Boolean> current = new TreeMap<>();
		for (DatabaseName name : registry.list("tenant")) {
			try {
				byte[] header = Files.readAllBytes(registry.files().file(name));
				current.put(name.toString(), ByteBuffer.wrap(header).getInt(60) == stamp);
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}
		return current;
	}

	private void createAtVersion1(String... keys) {
		RegistrySettings settings = new RegistrySettings();
		settings.setDataDirectory(this.dataDirectory);
		MigrationSettings migrationSettings = new MigrationSettings();
		migrationSettings.setLocations(List.of());
		FlywayDatabaseInitializer initializer = new FlywayDatabaseInitializer(new DefaultResourceLoader(),
				migrationSettings, List.of(SqlMigrations.forKind("tenant").version(1, NOTES)), List.of());
		try (TenantDatabaseRegistry registry = new TenantDatabaseRegistry(settings, initializer)) {
			DormClient client = new DefaultDormClient(registry);
			for (String key : keys) {
				client.database("tenant:" + key).exec("INSERT INTO notes (title) VALUES (?)", key);
			}
		}
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(DormAutoConfiguration.class)
	static class Version2 {

		@Bean
		SqlMigrations tenantMigrations() {
			return SqlMigrations.forKind("tenant").version(1, NOTES).version(2, REJECT_BAD_NOTES);
		}

	}

}
