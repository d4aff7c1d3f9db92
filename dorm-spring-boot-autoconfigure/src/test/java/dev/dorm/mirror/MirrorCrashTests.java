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

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import dev.dorm.DormDatabase;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.postgresql.ds.PGSimpleDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that no committed write is lost or applied twice when the process that writes and
 * relays is killed with SIGKILL at random moments.
 */
class MirrorCrashTests {

	private static EmbeddedPostgres postgres;

	@TempDir
	Path root;

	@BeforeAll
	static void startPostgres() throws IOException {
		postgres = EmbeddedPostgres.builder().start();
	}

	@AfterAll
	static void stopPostgres() throws IOException {
		postgres.close();
	}

	@ParameterizedTest
	@EnumSource(MirrorTests.Target.class)
	void killedWriterLosesAndDuplicatesNothing(MirrorTests.Target target) throws Exception {
		String url = (target == MirrorTests.Target.POSTGRESQL) ? newPostgresDatabase() : "-";
		Random random = new Random(42);
		for (int round = 1; round <= 3; round++) {
			Process child = startChild(url, round * 1_000_000, round == 1);
			awaitWrites(child, 300 + random.nextInt(300));
			Thread.sleep(random.nextInt(200));
			child.destroyForcibly();
			assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
		}
		DataSource mirror = (url.equals("-")) ? null : dataSource(url);
		try (MirrorHarness harness = new MirrorHarness(this.root.resolve("data"), mirror, MirrorHarness.fastRetries(),
				new MirrorListener() {
				})) {
			harness.awaitDrained(Duration.ofSeconds(60));
			Set<String> tenantRows = MirrorTests.tenantRows(harness);
			assertThat(tenantRows).hasSizeGreaterThanOrEqualTo(900);
			assertThat(harness.client.list("tenant")).hasSize(10);
			assertThat(MirrorTests.mirrorRows(harness)).isEqualTo(tenantRows);
		}
	}

	private Process startChild(String url, int start, boolean relay) throws IOException {
		Path java = Path.of(System.getProperty("java.home"), "bin", "java");
		ProcessBuilder builder = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
				WriterMain.class.getName(), this.root.resolve("data").toString(), url, Integer.toString(start),
				Boolean.toString(relay));
		builder.redirectErrorStream(true);
		return builder.start();
	}

	private static void awaitWrites(Process child, int writes) throws IOException {
		BufferedReader reader = new BufferedReader(
				new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		StringBuilder output = new StringBuilder();
		String line;
		while (System.nanoTime() < deadline && (line = reader.readLine()) != null) {
			output.append(line).append('\n');
			if (line.startsWith("wrote ") && Integer.parseInt(line.substring(6)) >= writes) {
				return;
			}
		}
		throw new AssertionError("The writer did not reach " + writes + " writes:\n" + output);
	}

	private static String newPostgresDatabase() throws Exception {
		try (Connection connection = postgres.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE crash");
		}
		return "jdbc:postgresql://localhost:" + postgres.getPort() + "/crash?user=postgres";
	}

	static DataSource dataSource(String url) {
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setUrl(url);
		return dataSource;
	}

	/**
	 * Writes rows to 10 tenants with mirroring until it is killed, reporting progress.
	 * Its second argument after the data directory tells whether its relay runs; without
	 * it the changes wait in the outboxes when the process dies.
	 */
	static final class WriterMain {

		public static void main(String[] args) throws Exception {
			Path dataDirectory = Path.of(args[0]);
			DataSource target = args[1].equals("-") ? null : dataSource(args[1]);
			int start = Integer.parseInt(args[2]);
			MirrorHarness harness = new MirrorHarness(dataDirectory, target, MirrorHarness.fastRetries(),
					new MirrorListener() {
					}, Boolean.parseBoolean(args[3]));
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
			for (int i = 0; i < 100_000 && System.nanoTime() < deadline; i++) {
				DormDatabase database = harness.client.database("tenant:t" + (i % 10));
				if (i % 7 == 3) {
					int id = start + i;
					database.transactionWithoutResult((tx) -> {
						tx.exec("INSERT INTO notes (id, title) VALUES (?, ?)", id, "tx " + id);
						tx.exec("UPDATE notes SET title = ? WHERE id = ?", "updated " + id, id);
					});
				}
				else {
					database.exec("INSERT INTO notes (id, title) VALUES (?, ?)", start + i, "row " + (start + i));
				}
				if (i % 20 == 0) {
					System.out.println("wrote " + i);
					System.out.flush();
				}
			}
			harness.close();
		}

	}

}
