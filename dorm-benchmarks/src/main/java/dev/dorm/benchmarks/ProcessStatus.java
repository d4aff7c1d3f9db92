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
import java.util.List;
import java.util.stream.Stream;

/**
 * Resource use of this JVM as Linux reports it in {@code /proc/self}.
 *
 * @param residentBytes resident memory ({@code VmRSS})
 * @param peakResidentBytes peak resident memory ({@code VmHWM})
 * @param threads number of threads ({@code Threads}), JVM threads included
 * @param openFileDescriptors number of entries in {@code /proc/self/fd}
 */
record ProcessStatus(long residentBytes, long peakResidentBytes, int threads, int openFileDescriptors) {

	private static final Path STATUS = Path.of("/proc/self/status");

	private static final Path FILE_DESCRIPTORS = Path.of("/proc/self/fd");

	/**
	 * Read the current status.
	 * @return the status
	 * @throws UncheckedIOException if {@code /proc/self} cannot be read, as on an
	 * operating system other than Linux
	 */
	static ProcessStatus read() {
		try {
			List<String> lines = Files.readAllLines(STATUS);
			long resident = value(lines, "VmRSS:") * 1024;
			long peak = value(lines, "VmHWM:") * 1024;
			int threads = (int) value(lines, "Threads:");
			int descriptors;
			try (Stream<Path> entries = Files.list(FILE_DESCRIPTORS)) {
				// The directory stream itself uses one descriptor while it is listed
				descriptors = (int) entries.count() - 1;
			}
			return new ProcessStatus(resident, peak, threads, descriptors);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Failed to read " + STATUS + " and " + FILE_DESCRIPTORS
					+ "; the scale run needs Linux's /proc file system", ex);
		}
	}

	private static long value(List<String> lines, String field) {
		for (String line : lines) {
			if (line.startsWith(field)) {
				String[] parts = line.substring(field.length()).trim().split("\\s+");
				return Long.parseLong(parts[0]);
			}
		}
		throw new IllegalStateException("Field '" + field + "' not found in " + STATUS);
	}

}
