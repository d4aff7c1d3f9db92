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

import dev.dorm.TenantContext;
import dev.dorm.web.SqlEndpointHandler;
import dev.dorm.web.SqlEndpointKeys;
import dev.dorm.web.SqlEndpointSecurity;
import dev.dorm.web.SqlEndpointSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.servlet.function.RouterFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DormSqlEndpointAutoConfiguration}.
 */
class DormSqlEndpointAutoConfigurationTests {

	private static final String SECRET = "auto-configuration-secret-42";

	@TempDir
	Path dataDirectory;

	@AfterEach
	void resetDefaultKind() {
		TenantContext.setDefaultKind("tenant");
	}

	private WebApplicationContextRunner contextRunner() {
		return new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DormAutoConfiguration.class, DormTenantAutoConfiguration.class,
					DormSqlEndpointAutoConfiguration.class, SecurityAutoConfiguration.class,
					ServletWebSecurityAutoConfiguration.class))
			.withPropertyValues("dorm.data-dir=" + this.dataDirectory);
	}

	@ParameterizedTest
	@ValueSource(
			strings = { "dorm.sql-endpoint.prefix=/db", "dorm.sql-endpoint.secret=", "dorm.sql-endpoint.secret= " })
	void noSecretMeansNoEndpoint(String property) {
		contextRunner().withPropertyValues(property).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(SqlEndpointKeys.class);
			assertThat(context).doesNotHaveBean(SqlEndpointHandler.class);
			assertThat(context).doesNotHaveBean(RouterFunction.class);
			assertThat(context).doesNotHaveBean("dormSqlEndpointSecurityFilterChain");
			assertThat(context).hasBean("defaultSecurityFilterChain");
		});
	}

	@Test
	void secretAddsEndpointAndKeepsDefaultChain() {
		contextRunner().withPropertyValues("dorm.sql-endpoint.secret=" + SECRET).run((context) -> {
			assertThat(context).hasSingleBean(SqlEndpointKeys.class);
			assertThat(context).hasSingleBean(SqlEndpointHandler.class);
			assertThat(context).hasSingleBean(SqlEndpointSecurity.class);
			assertThat(context).hasSingleBean(RouterFunction.class);
			assertThat(context.getBeansOfType(SecurityFilterChain.class))
				.containsOnlyKeys("dormSqlEndpointSecurityFilterChain", "defaultSecurityFilterChain");
			SqlEndpointSettings settings = context.getBean(SqlEndpointSettings.class);
			assertThat(settings.getPrefix()).isEqualTo("/db");
			assertThat(settings.getMaxRequestSize()).isEqualTo(1024 * 1024);
			assertThat(settings.getMaxRows()).isEqualTo(10000);
			assertThat(settings.getStatementTimeout()).hasSeconds(30);
		});
	}

	@Test
	void bindsProperties() {
		contextRunner()
			.withPropertyValues("dorm.sql-endpoint.secret=" + SECRET, "dorm.sql-endpoint.prefix=/admin/sql.v1",
					"dorm.sql-endpoint.max-request-size=2MB", "dorm.sql-endpoint.max-rows=5",
					"dorm.sql-endpoint.statement-timeout=250ms")
			.run((context) -> {
				SqlEndpointSettings settings = context.getBean(SqlEndpointSettings.class);
				assertThat(settings.getPrefix()).isEqualTo("/admin/sql.v1");
				assertThat(settings.getMaxRequestSize()).isEqualTo(2 * 1024 * 1024);
				assertThat(settings.getMaxRows()).isEqualTo(5);
				assertThat(settings.getStatementTimeout()).hasMillis(250);
			});
	}

	@Test
	void applicationChainReplacesOnlyDefaultChain() {
		contextRunner().withPropertyValues("dorm.sql-endpoint.secret=" + SECRET)
			.withUserConfiguration(ApplicationChainConfiguration.class)
			.run((context) -> assertThat(context.getBeansOfType(SecurityFilterChain.class))
				.containsOnlyKeys("dormSqlEndpointSecurityFilterChain", "applicationSecurityFilterChain"));
	}

	@Test
	void secretWithoutSecurityFailsStartup() {
		contextRunner().withPropertyValues("dorm.sql-endpoint.secret=" + SECRET)
			.withClassLoader(new FilteredClassLoader("org.springframework.security"))
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(IllegalStateException.class)
					.hasMessageContaining("'dorm.sql-endpoint.secret'")
					.hasMessageContaining("spring-boot-starter-security")
					.hasMessageNotContaining(SECRET);
			});
	}

	@ParameterizedTest
	@ValueSource(strings = { "short", "fifteen-chars-x", " leading-space-secret", "trailing-space-secret " })
	void invalidSecretFailsWithoutPrintingIt(String secret) {
		contextRunner()
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource("secret", Map.of("dorm.sql-endpoint.secret", secret))))
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(InvalidSqlEndpointSecretException.class)
					.hasMessageContaining("'dorm.sql-endpoint.secret'")
					.hasMessageNotContaining(secret.strip());
				FailureAnalysis analysis = new SqlEndpointSecretFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis).isNotNull();
				assertThat(analysis.getDescription()).contains("'dorm.sql-endpoint.secret'")
					.doesNotContain(secret.strip());
				assertThat(analysis.getAction()).contains("openssl rand -hex 32");
			});
	}

	@ParameterizedTest
	@CsvSource(delimiter = ';',
			value = { "dorm.sql-endpoint.prefix=db;dorm.sql-endpoint.prefix",
					"dorm.sql-endpoint.prefix=/db/;dorm.sql-endpoint.prefix",
					"dorm.sql-endpoint.prefix=/;dorm.sql-endpoint.prefix",
					"dorm.sql-endpoint.prefix=/{tenant};dorm.sql-endpoint.prefix",
					"dorm.sql-endpoint.prefix=/db/**;dorm.sql-endpoint.prefix",
					"dorm.sql-endpoint.prefix=/a//b;dorm.sql-endpoint.prefix",
					"dorm.sql-endpoint.prefix=/a/../b;dorm.sql-endpoint.prefix",
					"dorm.sql-endpoint.max-rows=0;dorm.sql-endpoint.max-rows",
					"dorm.sql-endpoint.max-request-size=0;dorm.sql-endpoint.max-request-size",
					"dorm.sql-endpoint.max-request-size=2GB;dorm.sql-endpoint.max-request-size",
					"dorm.sql-endpoint.statement-timeout=0s;dorm.sql-endpoint.statement-timeout",
					"dorm.sql-endpoint.statement-timeout=-1s;dorm.sql-endpoint.statement-timeout" })
	void rejectsInvalidProperty(String property, String name) {
		contextRunner().withPropertyValues("dorm.sql-endpoint.secret=" + SECRET, property).run((context) -> {
			assertThat(context).hasFailed();
			Throwable failure = context.getStartupFailure();
			while (failure != null && !(failure instanceof InvalidConfigurationPropertyValueException)) {
				failure = failure.getCause();
			}
			assertThat(failure).isInstanceOf(InvalidConfigurationPropertyValueException.class);
			assertThat(((InvalidConfigurationPropertyValueException) failure).getName()).isEqualTo(name);
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class ApplicationChainConfiguration {

		@Bean
		SecurityFilterChain applicationSecurityFilterChain(HttpSecurity http) throws Exception {
			return http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated()).build();
		}

	}

}
