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

import dev.dorm.TenantContext;
import dev.dorm.actuate.DormEndpoint;
import dev.dorm.actuate.DormEndpointWebExtension;
import dev.dorm.actuate.DormHealthIndicator;
import dev.dorm.actuate.WriteOperationRejectedException;
import dev.dorm.migration.BulkMigration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for the auto-configuration of the operations support: the endpoint, the health
 * indicator, the bulk migration and the eager migration at startup.
 */
class DormOperationsAutoConfigurationTests {

	@TempDir
	Path root;

	@AfterEach
	void resetDefaultKind() {
		TenantContext.setDefaultKind("tenant");
	}

	private ApplicationContextRunner contextRunner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DormAutoConfiguration.class, DormMirrorAutoConfiguration.class,
					DormEndpointAutoConfiguration.class, DormHealthContributorAutoConfiguration.class))
			.withPropertyValues("dorm.data-dir=" + this.root.resolve("data"));
	}

	@Test
	void endpointIsCreatedWhenExposed() {
		contextRunner().withPropertyValues("management.endpoints.web.exposure.include=dorm").run((context) -> {
			assertThat(context).hasSingleBean(DormEndpoint.class);
			assertThat(context).hasSingleBean(DormEndpointWebExtension.class);
		});
	}

	@Test
	void endpointIsNotCreatedWhenNotExposed() {
		contextRunner().run((context) -> assertThat(context).doesNotHaveBean(DormEndpoint.class));
	}

	@Test
	void endpointAndHealthBackOffWithoutActuator() {
		contextRunner().withPropertyValues("management.endpoints.web.exposure.include=dorm")
			.withClassLoader(new FilteredClassLoader(Endpoint.class, Health.class))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean(DormEndpoint.class);
				assertThat(context).doesNotHaveBean(DormHealthIndicator.class);
			});
	}

	@Test
	void healthIndicatorIsNamedDorm() {
		contextRunner().run((context) -> assertThat(context).hasBean("dormHealthIndicator"));
	}

	@Test
	void backupWithoutBackupFolderIsRejected() {
		contextRunner()
			.withPropertyValues("management.endpoints.web.exposure.include=dorm", "dorm.actuator.write-operations=true")
			.run((context) -> assertThatExceptionOfType(WriteOperationRejectedException.class)
				.isThrownBy(() -> context.getBean(DormEndpoint.class).backup("tenant:a"))
				.withMessage("Backups are not enabled; set 'dorm.actuator.backup-dir' to the folder for backups"));
	}

	@Test
	void backupFolderInsideDataDirectoryIsRejected() {
		contextRunner()
			.withPropertyValues("management.endpoints.web.exposure.include=dorm",
					"dorm.actuator.backup-dir=" + this.root.resolve("data/backups"))
			.run((context) -> assertThat(invalidProperty(context.getStartupFailure()))
				.isEqualTo("dorm.actuator.backup-dir"));
	}

	@Test
	void backupFolderContainingDataDirectoryIsRejected() {
		contextRunner()
			.withPropertyValues("management.endpoints.web.exposure.include=dorm",
					"dorm.actuator.backup-dir=" + this.root)
			.run((context) -> assertThat(invalidProperty(context.getStartupFailure()))
				.isEqualTo("dorm.actuator.backup-dir"));
	}

	@Test
	void bulkMigrationUsesParallelismProperty() {
		contextRunner().withPropertyValues("dorm.migrations.parallelism=5")
			.run((context) -> assertThat(context.getBean(BulkMigration.class).getParallelism()).isEqualTo(5));
	}

	@Test
	void parallelismBelowOneIsRejected() {
		contextRunner().withPropertyValues("dorm.migrations.parallelism=0")
			.run((context) -> assertThat(invalidProperty(context.getStartupFailure()))
				.isEqualTo("dorm.migrations.parallelism"));
	}

	@Test
	void eagerMigrationRunsOnlyWhenEnabled() {
		contextRunner().run((context) -> assertThat(context).doesNotHaveBean(EagerMigrationRunner.class));
		contextRunner().withPropertyValues("dorm.migrations.eager=true")
			.run((context) -> assertThat(context).hasSingleBean(EagerMigrationRunner.class));
		contextRunner().withPropertyValues("dorm.migrations.eager=true", "dorm.migrations.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(EagerMigrationRunner.class));
	}

	private static String invalidProperty(Throwable failure) {
		Throwable cause = failure;
		while (cause != null && !(cause instanceof InvalidConfigurationPropertyValueException)) {
			cause = cause.getCause();
		}
		assertThat(cause).as("startup failure").isInstanceOf(InvalidConfigurationPropertyValueException.class);
		return ((InvalidConfigurationPropertyValueException) cause).getName();
	}

}
