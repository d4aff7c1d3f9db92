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

package dev.dorm.actuate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import dev.dorm.DormClient;
import dev.dorm.MigrationFailedException;
import dev.dorm.autoconfigure.DormAutoConfiguration;
import dev.dorm.autoconfigure.DormHealthContributorAutoConfiguration;
import dev.dorm.autoconfigure.DormMirrorAutoConfiguration;
import dev.dorm.migration.SqlMigrations;
import dev.dorm.mirror.MirrorRelay;
import dev.dorm.registry.TenantDatabaseRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * Tests for {@link DormHealthIndicator}.
 */
class DormHealthIndicatorTests {

	@TempDir
	Path root;

	private ApplicationContextRunner contextRunner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DormAutoConfiguration.class, DormMirrorAutoConfiguration.class,
					DormHealthContributorAutoConfiguration.class))
			.withUserConfiguration(Migrations.class)
			.withPropertyValues("dorm.data-dir=" + this.root.resolve("data"));
	}

	@Test
	void upWithDetailsAndNoDatabaseOpened() {
		contextRunner().run((context) -> {
			Health health = context.getBean(DormHealthIndicator.class).health(true);
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("dataDirectory", this.root.resolve("data").toString())
				.containsEntry("openDatabases", 0)
				.containsEntry("maxOpen", 256)
				.containsEntry("failedMigrations", 0)
				.containsEntry("parkedRecords", 0L)
				.containsEntry("mirrorPendingDatabases", 0)
				.containsEntry("mirrorLagMillis", 0L)
				.doesNotContainKey("failedDatabases");
			assertThat(context.getBean(TenantDatabaseRegistry.class).getOpenings()).isZero();
			assertThat(databaseFiles()).isEmpty();
		});
	}

	@Test
	void failedMigrationKeepsStatusUpWithDetails() {
		contextRunner().run((context) -> {
			DormClient dorm = context.getBean(DormClient.class);
			assertThatExceptionOfType(MigrationFailedException.class)
				.isThrownBy(() -> dorm.database("broken:x").exec("SELECT 1"));
			Health health = context.getBean(DormHealthIndicator.class).health(true);
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("failedMigrations", 1)
				.containsEntry("failedDatabases", List.of("broken:x"));
		});
	}

	@Test
	void parkedRecordsKeepStatusUpWithDetails() {
		contextRunner()
			.withPropertyValues("dorm.kinds.tenant.mirror.enabled=true",
					"dorm.kinds.tenant.mirror.target=aggregate:main", "dorm.mirror.max-attempts=2",
					"dorm.mirror.initial-backoff=10ms", "dorm.mirror.max-backoff=50ms")
			.run((context) -> {
				DormClient dorm = context.getBean(DormClient.class);
				MirrorRelay relay = context.getBean(MirrorRelay.class);
				dorm.database("tenant:a").exec("INSERT INTO notes (title) VALUES ('first')");
				DatabaseFixtures.await("a mirrored change", () -> relay.status().appliedRecords() == 1);
				dorm.database("aggregate:main")
					.exec("CREATE TRIGGER no_poison BEFORE INSERT ON notes WHEN NEW.title = 'poison' "
							+ "BEGIN SELECT RAISE(ABORT, 'poison rejected'); END");
				dorm.database("tenant:a").exec("INSERT INTO notes (title) VALUES ('poison')");
				DatabaseFixtures.await("a parked change", () -> relay.status().totalParkedRecords() == 1);
				Health health = context.getBean(DormHealthIndicator.class).health(true);
				assertThat(health.getStatus()).isEqualTo(Status.UP);
				assertThat(health.getDetails()).containsEntry("parkedRecords", 1L);
			});
	}

	@Test
	void dataDirectoryReplacedByFileIsDown() {
		contextRunner().run((context) -> {
			Path dataDirectory = this.root.resolve("data");
			Files.delete(dataDirectory);
			Files.writeString(dataDirectory, "not a folder");
			Health health = context.getBean(DormHealthIndicator.class).health(true);
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails()).containsEntry("error", "Not a writable folder: " + dataDirectory);
		});
	}

	@Test
	void kindFolderReplacedByFileIsDown() {
		contextRunner().run((context) -> {
			Path kindFolder = this.root.resolve("data/tenant");
			Files.writeString(kindFolder, "not a folder");
			Health health = context.getBean(DormHealthIndicator.class).health(true);
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails()).containsEntry("error", "Not a writable folder: " + kindFolder);
		});
	}

	@Test
	void readOnlyDataDirectoryIsDown() {
		contextRunner().run((context) -> {
			Path dataDirectory = this.root.resolve("data");
			Files.setPosixFilePermissions(dataDirectory, PosixFilePermissions.fromString("r-xr-xr-x"));
			try {
				assumeFalse(Files.isWritable(dataDirectory),
						"Folder permissions do not apply to this user, such as root; "
								+ "dataDirectoryReplacedByFileIsDown covers an unwritable data directory");
				Health health = context.getBean(DormHealthIndicator.class).health(true);
				assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			}
			finally {
				Files.setPosixFilePermissions(dataDirectory, PosixFilePermissions.fromString("rwxr-xr-x"));
			}
		});
	}

	@Test
	void backsOffWhenDisabled() {
		contextRunner().withPropertyValues("management.health.dorm.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(DormHealthIndicator.class));
	}

	private List<Path> databaseFiles() throws IOException {
		try (Stream<Path> files = Files.walk(this.root)) {
			return files.filter((file) -> file.toString().endsWith(".db")).toList();
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class Migrations {

		@Bean
		SqlMigrations tenantMigrations() {
			return DatabaseFixtures.notesVersion1("tenant");
		}

		@Bean
		SqlMigrations brokenMigrations() {
			return SqlMigrations.forKind("broken").version(1, "INSERT INTO missing_table VALUES (1)");
		}

	}

}
