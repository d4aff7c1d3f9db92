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

package dev.dorm.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

import dev.dorm.DatabaseName;
import dev.dorm.DormClient;
import dev.dorm.migration.FlywayDatabaseInitializer;
import dev.dorm.migration.MigrationSettings;
import dev.dorm.mirror.ChangeCapture;
import dev.dorm.mirror.MirrorDestination;
import dev.dorm.mirror.MirrorListener;
import dev.dorm.mirror.MirrorRelay;
import dev.dorm.mirror.MirrorSettings;
import dev.dorm.mirror.RelaySettings;
import dev.dorm.registry.DefaultDormClient;
import dev.dorm.registry.RegistrySettings;
import dev.dorm.registry.TenantDatabaseRegistry;

import org.springframework.core.io.DefaultResourceLoader;

/**
 * Measures the lag of mirroring, from the commit of a write to its arrival in the mirror
 * database {@code aggregate:main}, while one thread writes single-row inserts at a steady
 * rate, round robin over a number of tenants. Prints one JSON line with the lag
 * percentiles in milliseconds.
 * <p>
 * Arguments: writes per second (default 1000), seconds (default 20), tenants (default
 * 100).
 */
public final class MirrorLagRun {

	private MirrorLagRun() {
	}

	public static void main(String[] args) throws Exception {
		Logger.getLogger("").setLevel(Level.WARNING);
		int rate = (args.length > 0) ? Integer.parseInt(args[0]) : 1000;
		int seconds = (args.length > 1) ? Integer.parseInt(args[1]) : 20;
		int tenants = (args.length > 2) ? Integer.parseInt(args[2]) : 100;
		Path directory = Files.createTempDirectory("dorm-mirror-lag-");
		long[] lags = new long[rate * seconds + 1];
		AtomicInteger applied = new AtomicInteger();
		MirrorListener listener = new MirrorListener() {

			@Override
			public void applied(DatabaseName tenant, long lagMillis) {
				int index = applied.getAndIncrement();
				if (index < lags.length) {
					lags[index] = lagMillis;
				}
			}

		};
		MirrorRelay[] relay = new MirrorRelay[1];
		ChangeCapture capture = new ChangeCapture(Map.of(TodoSchema.KIND, new MirrorSettings()),
				(name) -> relay[0].markDirty(name));
		RegistrySettings settings = new RegistrySettings();
		settings.setDataDirectory(directory.resolve("data"));
		settings.setKinds(Set.of("aggregate"));
		FlywayDatabaseInitializer initializer = new FlywayDatabaseInitializer(new DefaultResourceLoader(),
				new MigrationSettings(), List.of(TodoSchema.migrations()), List.of());
		try (TenantDatabaseRegistry registry = new TenantDatabaseRegistry(settings, initializer, List.of(capture))) {
			DormClient client = new DefaultDormClient(registry);
			relay[0] = MirrorRelay.create(client,
					Map.of(TodoSchema.KIND,
							new MirrorDestination(client.database("aggregate:main").dataSource(), "aggregate:main")),
					new RelaySettings(), listener);
			relay[0].start();
			for (int i = 0; i < tenants; i++) {
				client.database("tenant:lag" + i).exec("SELECT count(*) FROM todos");
			}
			long start = System.nanoTime();
			int writes = write(client, rate, seconds, tenants);
			double achieved = writes / ((System.nanoTime() - start) / 1e9);
			awaitApplied(applied, writes);
			relay[0].close();
			report(rate, achieved, tenants, writes, Math.min(applied.get(), lags.length), lags);
		}
		finally {
			deleteRecursively(directory);
		}
	}

	private static int write(DormClient client, int rate, int seconds, int tenants) {
		long interval = TimeUnit.SECONDS.toNanos(1) / rate;
		long start = System.nanoTime();
		int total = rate * seconds;
		for (int i = 0; i < total; i++) {
			long due = start + i * interval;
			long wait = due - System.nanoTime();
			if (wait > 0) {
				LockSupport.parkNanos(wait);
			}
			client.database("tenant:lag" + (i % tenants))
				.exec(TodoSchema.INSERT, "todo-" + i, "Todo number " + i, 0, System.currentTimeMillis());
		}
		return total;
	}

	private static void awaitApplied(AtomicInteger applied, int writes) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
		while (applied.get() < writes && System.nanoTime() < deadline) {
			Thread.sleep(10);
		}
	}

	private static void report(int rate, double achieved, int tenants, int writes, int applied, long[] lags) {
		long[] sorted = Arrays.copyOf(lags, applied);
		Arrays.sort(sorted);
		System.out.println("{\"rate\":" + rate + ",\"achieved_rate\":" + Math.round(achieved) + ",\"tenants\":"
				+ tenants + ",\"writes\":" + writes + ",\"applied\":" + applied + ",\"lag_p50_ms\":"
				+ percentile(sorted, 50) + ",\"lag_p99_ms\":" + percentile(sorted, 99) + ",\"lag_max_ms\":"
				+ ((sorted.length > 0) ? sorted[sorted.length - 1] : -1) + "}");
	}

	private static long percentile(long[] sorted, int percent) {
		if (sorted.length == 0) {
			return -1;
		}
		int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
	}

	private static void deleteRecursively(Path directory) throws IOException {
		try (Stream<Path> files = Files.walk(directory)) {
			for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(file);
			}
		}
	}

}
