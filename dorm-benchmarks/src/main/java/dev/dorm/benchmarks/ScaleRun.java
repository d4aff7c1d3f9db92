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
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.dorm.DatabaseName;
import dev.dorm.DormDatabase;
import dev.dorm.DormResult;
import dev.dorm.registry.TenantDatabaseRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Creates many databases with a bounded number open at once, then reads from random ones,
 * and prints one JSON line with the memory, file descriptors, threads, latencies and disk
 * use of the run. Run it from the repository root:
 *
 * <pre class="code">
 * java -cp dorm-benchmarks/target/benchmarks.jar dev.dorm.benchmarks.ScaleRun
 * java -cp dorm-benchmarks/target/benchmarks.jar dev.dorm.benchmarks.ScaleRun --quick
 * </pre>
 * <p>
 * The run creates {@code --databases} databases (100,000 by default, 10,000 with
 * {@code --quick}) one after the other with the registry's {@code maxOpen} set to
 * {@code --max-open} (256), templates on and every other setting at its default: each
 * creation is the first insert into a new name, and once {@code maxOpen} databases are
 * open each one closes the least recently used database. It then touches
 * {@code --touches} databases (10,000, or 2,000 with {@code --quick}) chosen by a
 * {@link Random} seeded with {@code --seed}, with one read by primary key each. A touch
 * of a closed database is a reopen: it includes closing the least recently used open
 * database to make room, as a request that reopens a database pays for it too.
 * <p>
 * The run stops creating databases after three quarters of {@code --max-seconds} (900)
 * and stops touching them at {@code --max-seconds}, and reports the counts it reached.
 * Its databases go to a new folder under {@code java.io.tmpdir}, deleted at the end.
 * Resident memory, threads and file descriptors are read from {@code /proc/self}, so it
 * needs Linux.
 */
public final class ScaleRun {

	private static final String KIND = TodoSchema.KIND;

	private final Options options;

	private ScaleRun(Options options) {
		this.options = options;
	}

	public static void main(String[] args) throws IOException {
		Options options;
		try {
			options = Options.parse(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.err.println(Options.USAGE);
			System.exit(2);
			return;
		}
		System.out.println(new ScaleRun(options).run());
	}

	private String run() throws IOException {
		long start = System.nanoTime();
		long deadline = start + TimeUnit.SECONDS.toNanos(this.options.maxSeconds());
		long createDeadline = start + TimeUnit.SECONDS.toNanos(this.options.maxSeconds() * 3 / 4);
		Map<String, @Nullable Object> result = new LinkedHashMap<>();
		result.put("databases_requested", this.options.databases());
		result.put("touches_requested", this.options.touches());
		result.put("max_open", this.options.maxOpen());
		result.put("seed", this.options.seed());
		result.put("max_heap_mib", Runtime.getRuntime().maxMemory() >> 20);
		try (BenchmarkRegistry databases = new BenchmarkRegistry(true,
				(settings) -> settings.setMaxOpen(this.options.maxOpen()))) {
			ProcessStatus baseline = ProcessStatus.read();
			result.put("fds_baseline", baseline.openFileDescriptors());
			result.put("threads_baseline", baseline.threads());
			result.put("rss_baseline_mib", mebibytes(baseline.residentBytes()));

			long[] createNanos = create(databases, createDeadline);
			int created = createNanos.length;
			double createSeconds = seconds(System.nanoTime() - start);
			result.put("databases_created", created);
			result.put("create_seconds", round(createSeconds));
			result.put("create_per_second", round(created / createSeconds));
			result.put("create_p50_ms", percentileMillis(createNanos, 50));
			result.put("create_p99_ms", percentileMillis(createNanos, 99));
			putStatus(result, "after_create", ProcessStatus.read(), databases.registry());

			long touchStart = System.nanoTime();
			Touches touches = touch(databases, created, deadline);
			result.put("touches", touches.count());
			result.put("touch_seconds", round(seconds(System.nanoTime() - touchStart)));
			result.put("reopens", touches.reopenNanos().length);
			result.put("reopen_p50_ms", percentileMillis(touches.reopenNanos(), 50));
			result.put("reopen_p99_ms", percentileMillis(touches.reopenNanos(), 99));
			result.put("open_hits", touches.hitNanos().length);
			result.put("open_hit_p50_ms", percentileMillis(touches.hitNanos(), 50));
			ProcessStatus end = ProcessStatus.read();
			putStatus(result, "after_touch", end, databases.registry());
			int open = databases.registry().getOpenCount();
			result.put("fds_per_open_database", (open > 0)
					? round((double) (end.openFileDescriptors() - baseline.openFileDescriptors()) / open) : null);
			putDiskUsage(result, databases.directory().resolve("data"));
			result.put("openings", databases.registry().getOpenings());
			result.put("evictions", databases.registry().getEvictions());
			result.put("truncated", created < this.options.databases() || touches.count() < this.options.touches());
		}
		result.put("seconds", round(seconds(System.nanoTime() - start)));
		return toJson(result);
	}

	/**
	 * Create the databases one after the other, each by a first insert.
	 * @return the time of each creation, in nanoseconds, one per database created
	 */
	private long[] create(BenchmarkRegistry databases, long deadline) {
		int count = this.options.databases();
		long[] nanos = new long[count];
		int progressStep = Math.max(1, count / 10);
		for (int i = 0; i < count; i++) {
			if (System.nanoTime() - deadline > 0) {
				System.err.printf(Locale.ROOT, "Stopped creating databases at %,d of %,d: time limit reached%n", i,
						count);
				return Arrays.copyOf(nanos, i);
			}
			DormDatabase database = databases.database(name(i));
			long before = System.nanoTime();
			long written = database
				.exec(TodoSchema.INSERT, TodoSchema.id(i), TodoSchema.TITLE, 0, TodoSchema.CREATED_AT)
				.rowsWritten();
			nanos[i] = System.nanoTime() - before;
			if (written != 1) {
				throw new IllegalStateException("Expected one row written to " + database + " but got " + written);
			}
			if ((i + 1) % progressStep == 0) {
				ProcessStatus status = ProcessStatus.read();
				System.err.printf(Locale.ROOT, "Created %,d databases, resident memory %d MiB, %d descriptors%n", i + 1,
						mebibytes(status.residentBytes()), status.openFileDescriptors());
			}
		}
		return nanos;
	}

	/**
	 * Read one row from each of a seeded random sequence of databases.
	 */
	private Touches touch(BenchmarkRegistry databases, int created, long deadline) {
		TenantDatabaseRegistry registry = databases.registry();
		Random random = new Random(this.options.seed());
		long[] reopens = new long[this.options.touches()];
		long[] hits = new long[this.options.touches()];
		int reopenCount = 0;
		int hitCount = 0;
		int touched = 0;
		while (touched < this.options.touches() && created > 0) {
			if (System.nanoTime() - deadline > 0) {
				System.err.printf(Locale.ROOT, "Stopped touching databases at %,d of %,d: time limit reached%n",
						touched, this.options.touches());
				break;
			}
			int number = random.nextInt(created);
			DatabaseName name = databases.name(name(number));
			boolean wasOpen = registry.isOpen(name);
			DormDatabase database = databases.client().database(name);
			long before = System.nanoTime();
			DormResult result = database.exec(TodoSchema.SELECT_BY_ID, TodoSchema.id(number));
			long nanos = System.nanoTime() - before;
			if (result.rowsRead() != 1) {
				throw new IllegalStateException("Expected one row in " + database + " but read " + result.rowsRead());
			}
			if (wasOpen) {
				hits[hitCount++] = nanos;
			}
			else {
				reopens[reopenCount++] = nanos;
			}
			touched++;
		}
		return new Touches(touched, Arrays.copyOf(reopens, reopenCount), Arrays.copyOf(hits, hitCount));
	}

	private static String name(int number) {
		return KIND + ":scale-" + number;
	}

	private static void putStatus(Map<String, @Nullable Object> result, String suffix, ProcessStatus status,
			TenantDatabaseRegistry registry) {
		Runtime runtime = Runtime.getRuntime();
		result.put("rss_mib_" + suffix, mebibytes(status.residentBytes()));
		result.put("rss_peak_mib_" + suffix, mebibytes(status.peakResidentBytes()));
		result.put("heap_used_mib_" + suffix, mebibytes(runtime.totalMemory() - runtime.freeMemory()));
		result.put("heap_committed_mib_" + suffix, mebibytes(runtime.totalMemory()));
		result.put("fds_" + suffix, status.openFileDescriptors());
		result.put("threads_" + suffix, status.threads());
		result.put("open_databases_" + suffix, registry.getOpenCount());
	}

	/**
	 * Add the number of files and their total size under the data directory, as their
	 * lengths add up and as {@code du} counts the blocks they take on disk.
	 */
	private static void putDiskUsage(Map<String, @Nullable Object> result, Path dataDirectory) throws IOException {
		long files = 0;
		long bytes = 0;
		try (Stream<Path> paths = Files.walk(dataDirectory)) {
			for (Path path : (Iterable<Path>) paths::iterator) {
				if (Files.isRegularFile(path)) {
					files++;
					bytes += Files.size(path);
				}
			}
		}
		catch (UncheckedIOException ex) {
			throw ex.getCause();
		}
		result.put("disk_files", files);
		result.put("disk_mib", round(bytes / 1048576.0));
		result.put("disk_allocated_mib", diskAllocatedMebibytes(dataDirectory));
	}

	private static @Nullable Double diskAllocatedMebibytes(Path directory) {
		try {
			Process du = new ProcessBuilder("du", "-s", "-B1", directory.toString()).redirectErrorStream(true).start();
			if (!du.waitFor(120, TimeUnit.SECONDS)) {
				du.destroy();
				System.err.println("du did not finish in 120 seconds; disk_allocated_mib is null");
				return null;
			}
			String output = new String(du.getInputStream().readAllBytes()).trim();
			if (du.exitValue() != 0) {
				System.err.println("du failed with exit code " + du.exitValue() + ": " + output);
				return null;
			}
			return round(Long.parseLong(output.split("\\s+")[0]) / 1048576.0);
		}
		catch (IOException ex) {
			System.err.println("Failed to run du; disk_allocated_mib is null: " + ex.getMessage());
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

	private static @Nullable Double percentileMillis(long[] nanos, int percentile) {
		if (nanos.length == 0) {
			return null;
		}
		long[] sorted = nanos.clone();
		Arrays.sort(sorted);
		// Nearest rank, as load.mjs computes its percentiles
		int index = Math.min(sorted.length - 1, Math.max(0, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1));
		return round(sorted[index] / 1e6);
	}

	private static long mebibytes(long bytes) {
		return bytes >> 20;
	}

	private static double seconds(long nanos) {
		return nanos / 1e9;
	}

	private static double round(double value) {
		return Math.round(value * 1000) / 1000.0;
	}

	private static String toJson(Map<String, @Nullable Object> values) {
		StringBuilder json = new StringBuilder("{");
		values.forEach((key, value) -> {
			if (json.length() > 1) {
				json.append(',');
			}
			json.append('"').append(key).append("\":");
			json.append((value instanceof String) ? "\"" + value + "\"" : String.valueOf(value));
		});
		return json.append('}').toString();
	}

	/**
	 * The touches of one run.
	 *
	 * @param count the number of touches made
	 * @param reopenNanos the time of each touch of a closed database
	 * @param hitNanos the time of each touch of an open database
	 */
	private record Touches(int count, long[] reopenNanos, long[] hitNanos) {
	}

	/**
	 * Command line options of a scale run.
	 *
	 * @param databases the number of databases to create
	 * @param touches the number of reads from random databases
	 * @param maxOpen the maximum number of open databases
	 * @param seed the seed of the random choice of databases to touch
	 * @param maxSeconds the time limit of the whole run, in seconds
	 */
	record Options(int databases, int touches, int maxOpen, long seed, long maxSeconds) {

		static final String USAGE = "Usage: ScaleRun [--quick] [--databases=N] [--touches=N] [--max-open=N] "
				+ "[--seed=N] [--max-seconds=N]\n"
				+ "Defaults: 100000 databases (10000 with --quick), 10000 touches (2000 with --quick), "
				+ "max-open 256, seed 20260101, max-seconds 900.";

		static Options parse(String[] args) {
			boolean quick = Arrays.asList(args).contains("--quick");
			int databases = quick ? 10_000 : 100_000;
			int touches = quick ? 2_000 : 10_000;
			int maxOpen = 256;
			long seed = 20260101L;
			long maxSeconds = 900;
			for (String arg : args) {
				if (arg.equals("--quick")) {
					continue;
				}
				int equals = arg.indexOf('=');
				if (!arg.startsWith("--") || equals < 0) {
					throw new IllegalArgumentException("Invalid argument '" + arg + "': expected --name=value");
				}
				String name = arg.substring(2, equals);
				String value = arg.substring(equals + 1);
				switch (name) {
					case "databases" -> databases = positive(name, value);
					case "touches" -> touches = positive(name, value);
					case "max-open" -> maxOpen = positive(name, value);
					case "seed" -> seed = parseLong(name, value);
					case "max-seconds" -> maxSeconds = positive(name, value);
					default -> throw new IllegalArgumentException("Unknown option '--" + name + "'");
				}
			}
			return new Options(databases, touches, maxOpen, seed, maxSeconds);
		}

		private static int positive(String name, String value) {
			long parsed = parseLong(name, value);
			if (parsed <= 0 || parsed > Integer.MAX_VALUE) {
				throw new IllegalArgumentException("Invalid --" + name + " '" + value
						+ "': expected a positive integer up to " + Integer.MAX_VALUE);
			}
			return (int) parsed;
		}

		private static long parseLong(String name, String value) {
			try {
				return Long.parseLong(value);
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException("Invalid --" + name + " '" + value + "': expected an integer");
			}
		}

	}

}
