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

import java.nio.file.Path;
import java.util.Map;

import dev.dorm.DormClient;
import dev.dorm.TenantContext;
import dev.dorm.migration.SqlMigrations;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link FlywayLogLevelEnvironmentPostProcessor}.
 */
@ExtendWith(OutputCaptureExtension.class)
class FlywayLogLevelEnvironmentPostProcessorTests {

	@TempDir
	Path dataDirectory;

	@AfterEach
	void resetDefaultKind() {
		TenantContext.setDefaultKind("tenant");
	}

	@Test
	void flywayInfoLinesAreLeftOutByDefault(CapturedOutput output) {
		createDatabase();
		assertThat(output).contains("Created database 'tenant:a' from a template")
			.doesNotContain("Successfully applied")
			.doesNotContain("Schema history table");
	}

	@Test
	void levelSetByApplicationWins(CapturedOutput output) {
		createDatabase("logging.level.org.flywaydb=info");
		assertThat(output).contains("Successfully applied 1 migration");
	}

	@Test
	void defaultHasLowestPrecedence() {
		StandardEnvironment environment = new StandardEnvironment();
		new FlywayLogLevelEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getPropertySources().stream().reduce((first, second) -> second).orElseThrow().getName())
			.isEqualTo(FlywayLogLevelEnvironmentPostProcessor.PROPERTY_SOURCE_NAME);
		assertThat(environment.getProperty(FlywayLogLevelEnvironmentPostProcessor.PROPERTY)).isEqualTo("warn");
	}

	@Test
	void nothingIsAddedWhenLevelIsSet() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new MapPropertySource("application",
					Map.of(FlywayLogLevelEnvironmentPostProcessor.PROPERTY, "debug")));
		new FlywayLogLevelEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());
		assertThat(
				environment.getPropertySources().contains(FlywayLogLevelEnvironmentPostProcessor.PROPERTY_SOURCE_NAME))
			.isFalse();
		assertThat(environment.getProperty(FlywayLogLevelEnvironmentPostProcessor.PROPERTY)).isEqualTo("debug");
	}

	@Test
	void nothingIsAddedWhenDormIsDisabled() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new MapPropertySource("application", Map.of("dorm.enabled", "false")));
		new FlywayLogLevelEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty(FlywayLogLevelEnvironmentPostProcessor.PROPERTY)).isNull();
	}

	private void createDatabase(String... properties) {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Migrations.class)
			.web(WebApplicationType.NONE)
			.properties("dorm.data-dir=" + this.dataDirectory, "spring.main.banner-mode=off")
			.properties(properties)
			.run()) {
			context.getBean(DormClient.class).database("tenant:a").exec("SELECT count(*) FROM notes");
		}
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(DormAutoConfiguration.class)
	static class Migrations {

		@Bean
		SqlMigrations tenantMigrations() {
			return SqlMigrations.forKind("tenant").version(1, "CREATE TABLE notes (id INTEGER PRIMARY KEY)");
		}

	}

}
