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

package dev.dorm.web;

import java.io.IOException;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.dorm.web.app.SqlEndpointTestApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that {@code /query/stream} serves a million rows from an application whose heap
 * is limited to 64 MB, in a child JVM, read over HTTP line by line. The same rows read
 * into one result do not fit that heap, as {@code CursorMemoryTests} shows.
 */
class SqlEndpointMemoryTests {

	static final int ROWS = 1_000_000;

	@TempDir
	Path directory;

	@Test
	void streamServesMillionRowsWithSmallHeap() throws Exception {
		Path portFile = this.directory.resolve("port");
		Path log = this.directory.resolve("child.log");
		Process child = startChild(this.directory.resolve("data"), portFile, log);
		try {
			List<String> started = awaitPortFile(portFile, child, log);
			assertThat(Long.parseLong(started.get(1))).as("max heap of the child").isLessThanOrEqualTo(64L << 20);
			SqlEndpointHttp http = new SqlEndpointHttp(Integer.parseInt(started.get(0)));
			http.sql("big", "CREATE TABLE rows (n INTEGER PRIMARY KEY, title TEXT NOT NULL)");
			HttpResponse<String> insert = http.admin("/db/big/query/raw",
					"{\"sql\":\"WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < ?) "
							+ "INSERT INTO rows SELECT n, printf('%040d', n) FROM s\",\"params\":[" + ROWS + "]}");
			assertThat(insert.statusCode()).as(insert.body()).isEqualTo(200);
			assertThat(SqlEndpointHttp.json(insert).get("result").get("meta").get("rows_written").longValue())
				.isEqualTo(ROWS);
			HttpResponse<String> buffered = http.admin("/db/big/query/raw", "{\"sql\":\"SELECT n, title FROM rows\"}");
			assertThat(buffered.statusCode()).as("/query/raw stops at the row limit").isEqualTo(400);
			HttpResponse<Stream<String>> response = http.client()
				.send(http.request("/db/big/query/stream")
					.header("Content-Type", "application/json")
					.header("Authorization", "Bearer " + SqlEndpointHttp.SECRET)
					.POST(BodyPublishers.ofString("{\"sql\":\"SELECT n, title FROM rows ORDER BY n\"}"))
					.build(), BodyHandlers.ofLines());
			assertThat(response.statusCode()).isEqualTo(200);
			long count = 0;
			long sum = 0;
			String first;
			String last = null;
			try (Stream<String> lines = response.body()) {
				Iterator<String> iterator = lines.iterator();
				first = iterator.next();
				while (iterator.hasNext()) {
					String line = iterator.next();
					if (line.startsWith("[")) {
						count++;
						sum += Long.parseLong(line.substring(1, line.indexOf(',')));
					}
					else {
						last = line;
					}
				}
			}
			assertThat(first).isEqualTo("{\"columns\":[\"n\",\"title\"]}");
			assertThat(last).isEqualTo("{\"meta\":{\"rows_read\":" + ROWS + ",\"rows_written\":0}}");
			assertThat(count).isEqualTo(ROWS);
			assertThat(sum).isEqualTo((long) ROWS * (ROWS + 1) / 2);
			assertThat(child.isAlive()).as("the child survived the stream").isTrue();
			assertThat(Files.readString(log)).doesNotContain("OutOfMemoryError");
		}
		finally {
			child.destroy();
			if (!child.waitFor(30, TimeUnit.SECONDS)) {
				child.destroyForcibly();
			}
		}
	}

	private static Process startChild(Path dataDirectory, Path portFile, Path log) throws IOException {
		Path java = Path.of(System.getProperty("java.home"), "bin", "java");
		ProcessBuilder builder = new ProcessBuilder(java.toString(), "-Xmx64m", "-cp",
				System.getProperty("java.class.path"), ServerMain.class.getName(), dataDirectory.toString(),
				portFile.toString());
		builder.redirectErrorStream(true);
		builder.redirectOutput(log.toFile());
		return builder.start();
	}

	private static List<String> awaitPortFile(Path portFile, Process child, Path log) throws Exception {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
		while (!Files.exists(portFile)) {
			assertThat(child.isAlive()).as(() -> "the child stopped: " + readLog(log)).isTrue();
			assertThat(System.nanoTime()).as(() -> "the child did not start: " + readLog(log)).isLessThan(deadline);
			Thread.sleep(100);
		}
		return Files.readAllLines(portFile);
	}

	private static String readLog(Path log) {
		try {
			return Files.readString(log);
		}
		catch (IOException ex) {
			return "(no log: " + ex + ")";
		}
	}

	/**
	 * Starts the test application with the SQL endpoint on a free port and writes the
	 * port and the maximum heap size to a file.
	 */
	static final class ServerMain {

		public static void main(String[] args) throws IOException {
			ConfigurableApplicationContext context = SpringApplication.run(SqlEndpointTestApplication.class,
					"--server.port=0", "--server.address=127.0.0.1", "--dorm.data-dir=" + args[0],
					"--dorm.sql-endpoint.secret=" + SqlEndpointHttp.SECRET,
					"--dorm.migrations.locations=classpath:sql-endpoint-app/{kind}", "--spring.main.banner-mode=off",
					"--logging.level.root=warn");
			String port = context.getEnvironment().getRequiredProperty("local.server.port");
			Path portFile = Path.of(args[1]);
			Path partial = Path.of(args[1] + ".tmp");
			Files.writeString(partial, port + "\n" + Runtime.getRuntime().maxMemory() + "\n", StandardCharsets.UTF_8);
			Files.move(partial, portFile);
		}

	}

}
