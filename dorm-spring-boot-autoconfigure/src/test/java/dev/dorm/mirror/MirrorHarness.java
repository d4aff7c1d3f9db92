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

package dev.dorm.mirror;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import dev.dorm.DatabaseName;
import dev.dorm.DormClient;
import dev.dorm.migration.FlywayDatabaseInitializer;
import dev.dorm.migration.MigrationSettings;
import dev.dorm.migration.SqlMigrations;
import dev.dorm.registry.DefaultDormClient;
import dev.dorm.registry.RegistrySettings;
import dev.dorm.registry.TenantDatabaseRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A registry with mirroring from kind {@code tenant} to either the dorm-spring database
 * {@code aggregate:main} or a given data source, wired by hand as an application without
 * Spring Boot would.
 */
final class MirrorHarness implements AutoCloseable {

	static final String NOTES = "CREATE TABLE notes (id INTEGER PRIMARY KEY AUTOINCREMENT, title TEXT NOT NULL, "
			+ "data BLOB, score REAL)";

	static final String TAGS = "CREATE TABLE tags (name TEXT NOT NULL, note_id INTEGER)";

	static final DatabaseName AGGREGATE = DatabaseName.of("aggregate", "main");

	final TenantDatabaseRegistry registry;

	final DormClient client;

	final ChangeCapture capture;

	final MirrorRelay relay;

	private final @Nullable DataSource targetDataSource;

	MirrorHarness(Path dataDirectory, @Nullable DataSource targetDataSource, RelaySettings relaySettings,
			MirrorListener listener) {
		this(dataDirectory, targetDataSource, relaySettings, listener, true);
	}

	MirrorHarness(Path dataDirectory, @Nullable DataSource targetDataSource, RelaySettings relaySettings,
			MirrorListener listener, boolean startRelay) {
		this.targetDataSource = targetDataSource;
		RegistrySettings settings = new RegistrySettings();
		settings.setDataDirectory(dataDirectory);
		settings.setKinds(Set.of("aggregate"));
		settings.setBusyTimeout(Duration.ofMillis(200));
		MigrationSettings migrationSettings = new MigrationSettings();
		migrationSettings.setLocations(List.of());
		FlywayDatabaseInitializer initializer = new FlywayDatabaseInitializer(new DefaultResourceLoader(),
				migrationSettings, List.of(SqlMigrations.forKind("tenant").version(1, NOTES, TAGS)), List.of());
		MirrorRelay[] relayHolder = new MirrorRelay[1];
		this.capture = new ChangeCapture(Map.of("tenant", new MirrorSettings()), (name) -> {
			if (relayHolder[0] != null) {
				relayHolder[0].markDirty(name);
			}
		});
		this.registry = new TenantDatabaseRegistry(settings, initializer, List.of(this.capture));
		this.client = new DefaultDormClient(this.registry);
		DataSource target = (targetDataSource != null) ? targetDataSource
				: this.client.database(AGGREGATE).dataSource();
		String description = (targetDataSource != null) ? "data source 'postgres'" : "database '" + AGGREGATE + "'";
		this.relay = MirrorRelay.create(this.client, Map.of("tenant", new MirrorDestination(target, description)),
				relaySettings, listener);
		if (startRelay) {
			relayHolder[0] = this.relay;
			this.relay.start();
		}
	}

	static RelaySettings fastRetries() {
		RelaySettings settings = new RelaySettings();
		settings.setInitialBackoff(Duration.ofMillis(20));
		settings.setMaxBackoff(Duration.ofMillis(200));
		settings.setMaxAttempts(3);
		return settings;
	}

	/**
	 * Query the mirror.
	 */
	List<List<Object>> mirror(String sql, Object... params) {
		if (this.targetDataSource == null) {
			return this.client.database(AGGREGATE).exec(sql, params).rows();
		}
		List<List<Object>> rows = new ArrayList<>();
		new JdbcTemplate(this.targetDataSource).query(sql, (resultSet) -> {
			List<Object> row = new ArrayList<>();
			for (int i = 1; i <= resultSet.getMetaData().getColumnCount(); i++) {
				Object value = resultSet.getObject(i);
				row.add((value instanceof Integer number) ? Long.valueOf(number) : value);
			}
			rows.add(row);
		}, params);
		return rows;
	}

	/**
	 * Run a statement on the mirror.
	 */
	void mirrorExecute(String sql) {
		if (this.targetDataSource == null) {
			this.client.database(AGGREGATE).exec(sql);
		}
		else {
			new JdbcTemplate(this.targetDataSource).execute(sql);
		}
	}

	/**
	 * Wait until every tenant's outbox is empty.
	 */
	void awaitDrained(Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (pendingRecords() == 0) {
				return;
			}
			Thread.sleep(20);
		}
		throw new AssertionError("Outboxes not drained after " + timeout + ": " + pendingRecords()
				+ " records pending, status " + this.relay.status());
	}

	long pendingRecords() {
		long pending = 0;
		for (DatabaseName name : this.client.list("tenant")) {
			pending += (Long) this.client.database(name).exec("SELECT count(*) FROM _dorm_outbox").rows().get(0).get(0);
		}
		return pending;
	}

	@Override
	public void close() {
		this.relay.close();
		this.registry.close();
	}

}
