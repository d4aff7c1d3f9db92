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

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.dorm.DatabaseName;
import dev.dorm.MigrationFailedException;
import dev.dorm.mirror.MirrorRelay;
import dev.dorm.mirror.MirrorStatus;
import dev.dorm.registry.TenantDatabaseRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.util.Assert;

/**
 * {@link HealthIndicator} for the tenant databases. It never opens a database: it checks
 * the folders and reads the state that the registry and the mirror relay keep in memory.
 * <p>
 * The status is {@code DOWN} when the data directory, or the folder of a kind that
 * exists, is not a writable folder, because then no database can be created or written.
 * Otherwise it is {@code UP}, also when some databases failed their migration or the
 * mirror parked changes: those affect single tenants, and an instance that reports
 * {@code DOWN} or {@code OUT_OF_SERVICE} is taken out of service for every tenant. The
 * details {@code failedMigrations} and {@code parkedRecords} report them, so alert on
 * those details or on the metrics.
 *
 * @since 0.1.0
 */
public class DormHealthIndicator extends AbstractHealthIndicator {

	private static final int MAX_LISTED_DATABASES = 10;

	private final TenantDatabaseRegistry registry;

	private final @Nullable MirrorRelay relay;

	/**
	 * Create a health indicator.
	 * @param registry the registry of the databases
	 * @param relay the mirror relay, or {@code null} if there is none
	 */
	public DormHealthIndicator(TenantDatabaseRegistry registry, @Nullable MirrorRelay relay) {
		super("Failed to check the tenant databases");
		Assert.notNull(registry, "'registry' must not be null");
		this.registry = registry;
		this.relay = relay;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		Path dataDirectory = this.registry.files().dataDirectory();
		builder.withDetail("dataDirectory", dataDirectory.toString());
		List<String> unwritable = unwritableFolders(dataDirectory);
		if (!unwritable.isEmpty()) {
			builder.down().withDetail("error", "Not a writable folder: " + String.join(", ", unwritable));
			return;
		}
		builder.up()
			.withDetail("openDatabases", this.registry.getOpenCount())
			.withDetail("maxOpen", this.registry.getMaxOpen());
		Map<DatabaseName, MigrationFailedException> failures = this.registry.getMigrationFailures();
		builder.withDetail("failedMigrations", failures.size());
		if (!failures.isEmpty()) {
			builder.withDetail("failedDatabases",
					failures.keySet().stream().limit(MAX_LISTED_DATABASES).map(DatabaseName::toString).toList());
		}
		if (this.relay != null) {
			MirrorStatus status = this.relay.status();
			builder.withDetail("parkedRecords", status.totalParkedRecords())
				.withDetail("mirrorPendingDatabases", status.pendingDatabases())
				.withDetail("mirrorLagMillis", status.lagMillis());
		}
	}

	private List<String> unwritableFolders(Path dataDirectory) {
		List<String> unwritable = new ArrayList<>();
		if (!isWritableFolder(dataDirectory)) {
			unwritable.add(dataDirectory.toString());
			return unwritable;
		}
		for (String kind : this.registry.kinds()) {
			Path folder = this.registry.files().directory(kind);
			if (Files.exists(folder, LinkOption.NOFOLLOW_LINKS) && !isWritableFolder(folder)) {
				unwritable.add(folder.toString());
			}
		}
		return unwritable;
	}

	private static boolean isWritableFolder(Path folder) {
		return Files.isDirectory(folder) && Files.isWritable(folder);
	}

}
