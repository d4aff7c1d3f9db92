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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.dorm.DormClient;
import dev.dorm.TenantContext;
import dev.dorm.migration.FlywayDatabaseInitializer;
import dev.dorm.migration.SqlMigrations;
import dev.dorm.registry.DatabaseInitializer;
import dev.dorm.registry.DefaultDormClient;
import dev.dorm.registry.RegistrySettings;
import dev.dorm.registry.TenantDatabaseRegistry;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DormAutoConfiguration}.
 */
class DormAutoConfigurationTests {

	@TempDir
	Path dataDirectory;

	@AfterEach
	void resetDefaultKind() {
		TenantContext.setDefaultKind("tenant");
	}

	private ApplicationContextRunner contextRunner() {
		return new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(DormAutoConfiguration.class))
			.withPropertyValues("dorm.data-dir=" + this.dataDirectory);
	}

	@Test
	void createsRegistryClientAndFlywayInitializer() {
		contextRunner().run((context) -> {
			assertThat(context).hasSingleBean(TenantDatabaseRegistry.class);
			assertThat(context).hasSingleBean(DormClient.class);
			assertThat(context).hasSingleBean(FlywayDatabaseInitializer.class);
			assertThat(context.getBean(TenantDatabaseRegistry.class).kinds()).containsExactly("tenant");
		});
	}

	@Test
	void createsNoTenantFileAtStartup() {
		contextRunner().run((context) -> assertThat(this.dataDirectory).isEmptyDirectory());
	}

	@Test
	void clientUsesMigrationsOfCodeBeans() {
		contextRunner().withUserConfiguration(MigrationsConfiguration.class).run((context) -> {
			DormClient client = context.getBean(DormClient.class);
			assertThat(client.database("audit:one").exec("SELECT count(*) FROM events").rows())
				.containsExactly(List.of(0L));
		});
	}

	@Test
	void bindsProperties() {
		contextRunner()
			.withPropertyValues("dorm.max-open=7", "dorm.default-kind=account", "dorm.kinds.user.max-size=1MB",
					"dorm.connection.max-readers=0")
			.run((context) -> {
				TenantDatabaseRegistry registry = context.getBean(TenantDatabaseRegistry.class);
				assertThat(registry.getMaxOpen()).isEqualTo(7);
				assertThat(registry.defaultKind()).isEqualTo("account");
				assertThat(registry.kinds()).containsExactly("account", "user");
				DormProperties properties = context.getBean(DormProperties.class);
				assertThat(properties.getKinds().get("user").getMaxSize().toMegabytes()).isEqualTo(1);
				assertThat(properties.getConnection().getMaxReaders()).isZero();
			});
	}

	@ParameterizedTest
	@CsvSource(delimiter = ';', value = { "dorm.max-open=0;dorm.max-open", "dorm.max-open=-5;dorm.max-open",
			"dorm.default-kind=Tenant;dorm.default-kind", "dorm.default-kind=../x;dorm.default-kind",
			"dorm.kinds.Bad.max-size=1GB;dorm.kinds", "dorm.max-size=1KB;dorm.max-size",
			"dorm.idle-timeout=0s;dorm.idle-timeout", "dorm.connection.busy-timeout=-1s;dorm.connection.busy-timeout",
			"dorm.connection.max-readers=-1;dorm.connection.max-readers",
			"dorm.migrations.locations=http://x;dorm.migrations.locations", "dorm.data-dir= ;dorm.data-dir" })
	void rejectsInvalidProperty(String property, String name) {
		contextRunner().withPropertyValues(property).run((context) -> {
			assertThat(context).hasFailed();
			Throwable failure = context.getStartupFailure();
			while (failure != null && !(failure instanceof InvalidConfigurationPropertyValueException)) {
				failure = failure.getCause();
			}
			assertThat(failure).isInstanceOf(InvalidConfigurationPropertyValueException.class);
			assertThat(((InvalidConfigurationPropertyValueException) failure).getName()).isEqualTo(name);
		});
	}

	@Test
	void dataDirectoryThatIsFileIsRejected() throws IOException {
		Path file = Files.writeString(this.dataDirectory.resolve("afile"), "x");
		for (Path dataDir : List.of(file, file.resolve("sub"))) {
			contextRunner().withPropertyValues("dorm.data-dir=" + dataDir).run((context) -> {
				assertThat(context).hasFailed();
				Throwable failure = context.getStartupFailure();
				while (failure != null && !(failure instanceof InvalidConfigurationPropertyValueException)) {
					failure = failure.getCause();
				}
				assertThat(failure).as(dataDir.toString())
					.isInstanceOf(InvalidConfigurationPropertyValueException.class)
					.hasMessageContaining("'" + file + "' is a file, not a folder");
			});
		}
	}

	@Test
	void backsOffWhenDisabled() {
		contextRunner().withPropertyValues("dorm.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(TenantDatabaseRegistry.class);
			assertThat(context).doesNotHaveBean(DormClient.class);
		});
	}

	@Test
	void backsOffForUserClient() {
		contextRunner().withUserConfiguration(UserClientConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(DormClient.class);
			assertThat(context.getBean(DormClient.class)).isSameAs(context.getBean("userClient"));
		});
	}

	@Test
	void backsOffForUserRegistry() {
		contextRunner().withUserConfiguration(UserRegistryConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(TenantDatabaseRegistry.class);
			assertThat(context.getBean(TenantDatabaseRegistry.class).getMaxOpen()).isEqualTo(3);
		});
	}

	@Test
	void backsOffForUserInitializer() {
		contextRunner().withUserConfiguration(UserInitializerConfiguration.class).run((context) -> {
			assertThat(context).doesNotHaveBean(FlywayDatabaseInitializer.class);
			assertThat(context).hasSingleBean(DatabaseInitializer.class);
		});
	}

	@Test
	void worksWithoutFlyway() {
		contextRunner().withClassLoader(new FilteredClassLoader(Flyway.class)).run((context) -> {
			assertThat(context).doesNotHaveBean(FlywayDatabaseInitializer.class);
			assertThat(context.getBean(DormClient.class).database("tenant:a").exec("SELECT 1").rows()).hasSize(1);
		});
	}

	@Test
	void migrationsCanBeSwitchedOff() {
		contextRunner().withPropertyValues("dorm.migrations.enabled=false")
			.withUserConfiguration(MigrationsConfiguration.class)
			.run((context) -> {
				assertThat(context).doesNotHaveBean(FlywayDatabaseInitializer.class);
				assertThat(context.getBean(DormClient.class)
					.database("audit:one")
					.exec("SELECT count(*) FROM sqlite_schema WHERE name = 'events'")
					.rows()).containsExactly(List.of(0L));
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class MigrationsConfiguration {

		@Bean
		SqlMigrations auditMigrations() {
			return SqlMigrations.forKind("audit").version(1, "CREATE TABLE events (id INTEGER PRIMARY KEY)");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserClientConfiguration {

		@Bean
		DormClient userClient(TenantDatabaseRegistry registry) {
			return new DefaultDormClient(registry);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserRegistryConfiguration {

		@Bean
		TenantDatabaseRegistry userRegistry(DormProperties properties) {
			RegistrySettings settings = new RegistrySettings();
			settings.setDataDirectory(Path.of(properties.getDataDir()));
			settings.setMaxOpen(3);
			return new TenantDatabaseRegistry(settings, DatabaseInitializer.NONE);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserInitializerConfiguration {

		@Bean
		DatabaseInitializer userInitializer() {
			return DatabaseInitializer.NONE;
		}

	}

}
