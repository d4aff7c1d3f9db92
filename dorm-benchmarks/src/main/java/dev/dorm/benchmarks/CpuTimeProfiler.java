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

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.profile.ProfilerException;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * A JMH profiler that reports CPU time per operation. Unlike the wall-clock time that JMH
 * measures, CPU time leaves out the time a thread waits for a core that other processes
 * use, so it is steadier on a shared machine. Enable it with
 * {@code -prof dev.dorm.benchmarks.CpuTimeProfiler}.
 * <p>
 * {@code cpu.worker} is the CPU time of the JMH worker threads, which run the benchmark
 * methods and dorm-spring's work for them. {@code cpu.process} is the CPU time of the
 * whole JVM, so it adds garbage collection, the JIT compiler and background threads. Both
 * include the setup and teardown that runs per invocation ({@code Level.Invocation}),
 * which the JMH score leaves out.
 */
public class CpuTimeProfiler implements InternalProfiler {

	/**
	 * Part of the name of every JMH worker thread, such as
	 * {@code dev.dorm.benchmarks.PointReadBenchmark.dormExec-jmh-worker-1}.
	 */
	private static final String WORKER_THREAD_MARKER = "-jmh-worker-";

	private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

	private final com.sun.management.OperatingSystemMXBean operatingSystem;

	private Map<Long, Long> workerCpuBefore = Map.of();

	private long processCpuBefore;

	public CpuTimeProfiler() throws ProfilerException {
		if (!this.threads.isThreadCpuTimeSupported() || !(ManagementFactory
			.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean)) {
			throw new ProfilerException(
					"Thread or process CPU time is not supported by this JVM; run without this profiler");
		}
		this.threads.setThreadCpuTimeEnabled(true);
		this.operatingSystem = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
	}

	@Override
	public String getDescription() {
		return "CPU time per operation of the JMH worker threads and of the whole JVM";
	}

	@Override
	public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
		this.workerCpuBefore = workerCpuTimes();
		this.processCpuBefore = this.operatingSystem.getProcessCpuTime();
	}

	@Override
	public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
			IterationResult result) {
		long processCpu = this.operatingSystem.getProcessCpuTime() - this.processCpuBefore;
		long workerCpu = 0;
		for (Map.Entry<Long, Long> worker : workerCpuTimes().entrySet()) {
			// A worker that started during the iteration counts from zero
			workerCpu += worker.getValue() - this.workerCpuBefore.getOrDefault(worker.getKey(), 0L);
		}
		long operations = result.getMetadata().getMeasuredOps();
		if (operations <= 0) {
			return List.of();
		}
		TimeUnit unit = benchmarkParams.getTimeUnit();
		double nanosPerUnit = unit.toNanos(1);
		String label = unitLabel(unit) + "/op";
		return List.of(
				new ScalarResult("cpu.worker", workerCpu / nanosPerUnit / operations, label, AggregationPolicy.AVG),
				new ScalarResult("cpu.process", processCpu / nanosPerUnit / operations, label, AggregationPolicy.AVG));
	}

	private Map<Long, Long> workerCpuTimes() {
		Map<Long, Long> times = new HashMap<>();
		for (ThreadInfo info : this.threads.getThreadInfo(this.threads.getAllThreadIds())) {
			if (info != null && info.getThreadName().contains(WORKER_THREAD_MARKER)) {
				long time = this.threads.getThreadCpuTime(info.getThreadId());
				if (time >= 0) {
					times.put(info.getThreadId(), time);
				}
			}
		}
		return times;
	}

	private static String unitLabel(TimeUnit unit) {
		return switch (unit) {
			case NANOSECONDS -> "ns";
			case MICROSECONDS -> "us";
			case MILLISECONDS -> "ms";
			case SECONDS -> "s";
			default -> unit.name().toLowerCase(Locale.ROOT);
		};
	}

}
