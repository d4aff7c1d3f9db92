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

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import dev.dorm.DatabaseName;
import dev.dorm.DormClient;
import dev.dorm.MigrationFailedException;
import dev.dorm.autoconfigure.DormAutoConfiguration;
import dev.dorm.autoconfigure.DormMetricsAutoConfiguration;
import dev.dorm.autoconfigure.DormMirrorAutoConfiguration;
import dev.dorm.migration.SqlMigrations;
import dev.dorm.mirror.MirrorRelay;
import dev.dorm.registry.TenantDatabaseRegistry;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link DormMetrics} and {@link DormMeterBinder}: the names and tags of the
 * meters after real activity, and that no tag contains a database key.
 */
class DormMetricsTests {

	private static final List<String> KEYS = List.of("secret-alpha", "secret-beta", "secret-gamma", "secret-delta");

	@TempDir
	Path dataDirectory;

	private ApplicationContextRunner contextRunner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
					CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
					DormAutoConfiguration.class, DormMirrorAutoConfiguration.class, DormMetricsAutoConfiguration.class))
			.withUserConfiguration(Migrations.class)
			.withPropertyValues("dorm.data-dir=" + this.dataDirectory, "dorm.max-open=2",
					"dorm.migrations.use-templates=false", "dorm.kinds.tenant.mirror.enabled=true",
					"dorm.kinds.tenant.mirror.target=aggregate:main", "dorm.mirror.max-attempts=2",
					"dorm.mirror.initial-backoff=10ms", "dorm.mirror.max-backoff=50ms");
	}

	@Test
	void metersHaveBoundedTagsAndNoDatabaseKey() {
		contextRunner().run((context) -> {
			DormClient dorm = context.getBean(DormClient.class);
			TenantDatabaseRegistry registry = context.getBean(TenantDatabaseRegistry.class);
			MirrorRelay relay = context.getBean(MirrorRelay.class);
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			for (String key : KEYS) {
				dorm.database("tenant:" + key).exec("INSERT INTO notes (title) VALUES (?)", key);
			}
			DatabaseFixtures.await("mirrored changes", () -> relay.status().appliedRecords() == KEYS.size());
			dorm.database("aggregate:main")
				.exec("CREATE TRIGGER no_poison BEFORE INSERT ON notes WHEN NEW.title = 'poison' "
						+ "BEGIN SELECT RAISE(ABORT, 'poison rejected'); END");
			dorm.database("tenant:secret-alpha").exec("INSERT INTO notes (title) VALUES ('poison')");
			DatabaseFixtures.await("a parked change", () -> relay.status().totalParkedRecords() == 1);
			dorm.database("tenant:secret-alpha").exec("SELECT 1");
			assertThat(registry.close(DatabaseName.parse("tenant:secret-alpha", "tenant"))).isTrue();
			dorm.database("tenant:secret-beta").exec("SELECT 1");
			dorm.delete("tenant:secret-beta");
			assertThatExceptionOfType(MigrationFailedException.class)
				.isThrownBy(() -> dorm.database("broken:secret-epsilon").exec("SELECT 1"));

			assertThat(meters.get(DormMeterBinder.OPEN).gauge().value()).isEqualTo(registry.getOpenCount());
			assertThat(meters.get(DormMeterBinder.OPEN_MAX).gauge().value()).isEqualTo(2);
			assertThat(meters.get(DormMeterBinder.MIRROR_PARKED).gauge().value()).isEqualTo(1);
			assertThat(meters.get(DormMeterBinder.MIRROR_PENDING).gauge().value()).isZero();
			assertThat(meters.get(DormMeterBinder.MIRROR_LAG).timeGauge().value()).isGreaterThanOrEqualTo(0);
			Timer created = meters.get(DormMetrics.OPENS).tags("kind", "tenant", "created", "true").timer();
			assertThat(created.count()).isEqualTo(KEYS.size());
			assertThat(created.totalTime(TimeUnit.NANOSECONDS)).isPositive();
			assertThat(meters.get(DormMetrics.OPENS).tags("kind", "tenant", "created", "false").timer().count())
				.isPositive();
			assertThat(meters.get(DormMetrics.EVICTIONS).tags("kind", "tenant", "reason", "lru").counter().count())
				.isPositive();
			assertThat(meters.get(DormMetrics.EVICTIONS).tags("kind", "tenant", "reason", "closed").counter().count())
				.isEqualTo(1);
			assertThat(meters.get(DormMetrics.EVICTIONS).tags("kind", "tenant", "reason", "deleted").counter().count())
				.isEqualTo(1);
			assertThat(meters.get(DormMetrics.MIGRATIONS).tags("kind", "tenant", "outcome", "success").timer().count())
				.isEqualTo(KEYS.size());
			assertThat(meters.get(DormMetrics.MIGRATIONS).tags("kind", "broken", "outcome", "failure").timer().count())
				.isEqualTo(1);
			assertThat(meters.get(DormMetrics.MIRROR_CHANGE_LAG).tags("kind", "tenant").timer().count())
				.isEqualTo(KEYS.size());
			assertThat(meters.get(DormMetrics.MIRROR_FAILURES)
				.tags("kind", "tenant", "reachable", "true")
				.counter()
				.count()).isGreaterThanOrEqualTo(2);

			Set<String> tagKeys = new TreeSet<>();
			for (Meter meter : meters.getMeters()) {
				if (!meter.getId().getName().startsWith("dorm.")) {
					continue;
				}
				for (Tag tag : meter.getId().getTags()) {
					tagKeys.add(tag.getKey());
					assertThat(tag.getValue()).as(meter.getId().toString()).doesNotContain("secret");
				}
			}
			assertThat(tagKeys).containsExactly("created", "kind", "outcome", "reachable", "reason");
		});
	}

	@Test
	void backsOffWithoutMeterRegistry() {
		ApplicationContextRunner runner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DormAutoConfiguration.class, DormMetricsAutoConfiguration.class))
			.withPropertyValues("dorm.data-dir=" + this.dataDirectory);
		runner.run((context) -> assertThat(context).doesNotHaveBean(DormMetrics.class));
		runner.withClassLoader(new FilteredClassLoader(MeterRegistry.class)).run((context) -> {
			assertThat(context).doesNotHaveBean(DormMetrics.class);
			assertThat(context.getBean(DormClient.class).database("tenant:a").exec("SELECT 1").rows()).hasSize(1);
		});
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
