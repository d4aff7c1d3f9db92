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

package dev.dorm.registry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.dorm.DormCursor;
import dev.dorm.DormDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that a {@link DormCursor} reads a large result in constant memory, in a child JVM
 * whose heap is limited to 64 MB.
 */
class CursorMemoryTests {

	static final int ROWS = 1_000_000;

	@TempDir
	Path directory;

	@Test
	void cursorStreamsMillionRowsWithSmallHeap() throws Exception {
		try (TestRegistry registry = new TestRegistry(this.directory)) {
			DormDatabase database = registry.database("tenant:big");
			database.exec("CREATE TABLE rows (n INTEGER PRIMARY KEY, title TEXT NOT NULL)");
			database.exec("WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < ?) "
					+ "INSERT INTO rows SELECT n, printf('%040d', n) FROM s", ROWS);
		}
		String output = runChild(this.directory);
		long expectedSum = (long) ROWS * (ROWS + 1) / 2;
		assertThat(output).contains("streamed " + ROWS + " rows, sum " + expectedSum);
		assertThat(output).as("the heap limit is small enough to fail a buffered read")
			.contains("buffered read: OutOfMemoryError");
	}

	private static String runChild(Path directory) throws IOException, InterruptedException {
		Path java = Path.of(System.getProperty("java.home"), "bin", "java");
		ProcessBuilder builder = new ProcessBuilder(java.toString(), "-Xmx64m", "-cp",
				System.getProperty("java.class.path"), StreamMain.class.getName(), directory.toString());
		builder.redirectErrorStream(true);
		Process process = builder.start();
		byte[] output = process.getInputStream().readAllBytes();
		assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
		String text = new String(output, StandardCharsets.UTF_8);
		assertThat(process.exitValue()).as(text).isZero();
		return text;
	}

	/**
	 * Streams the table with a cursor, then tries to read it as one result.
	 */
	static final class StreamMain {

		public static void main(String[] args) {
			try (TestRegistry registry = new TestRegistry(Path.of(args[0]))) {
				DormDatabase database = registry.database("tenant:big");
				long count = 0;
				long sum = 0;
				try (DormCursor<Long> cursor = database.stream("SELECT n, title FROM rows ORDER BY n",
						(resultSet, row) -> resultSet.getLong(1) + resultSet.getString(2).length() * 0L)) {
					while (cursor.hasNext()) {
						sum += cursor.next();
						count++;
					}
				}
				System.out.println("streamed " + count + " rows, sum " + sum);
				System.out.println("buffered read: " + bufferedRead(database));
			}
		}

		private static String bufferedRead(DormDatabase database) {
			try {
				List<?> rows = database.exec("SELECT n, title FROM rows").rows();
				return "read " + rows.size() + " rows";
			}
			catch (OutOfMemoryError ex) {
				return "OutOfMemoryError";
			}
		}

	}

}
