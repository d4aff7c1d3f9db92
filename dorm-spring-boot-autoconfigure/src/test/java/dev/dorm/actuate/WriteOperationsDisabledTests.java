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

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.dorm.DormClient;
import dev.dorm.actuate.app.OperationsTestApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that the write operations of the {@link DormEndpoint} are rejected over HTTP
 * while {@code dorm.actuator.write-operations} is not set, and change nothing.
 */
@SpringBootTest(classes = OperationsTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "management.endpoints.web.exposure.include=dorm")
class WriteOperationsDisabledTests {

	private static final String REJECTION = "{\"error\":\"Write operations of the 'dorm' endpoint are disabled; "
			+ "set 'dorm.actuator.write-operations=true' to enable them\"}";

	@TempDir
	static Path root;

	@LocalServerPort
	int port;

	@Autowired
	DormClient dorm;

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@DynamicPropertySource
	static void folders(DynamicPropertyRegistry registry) {
		registry.add("dorm.data-dir", () -> root.resolve("data").toString());
		registry.add("dorm.actuator.backup-dir", () -> root.resolve("backups").toString());
	}

	@Test
	void writeOperationsAreForbiddenAndChangeNothing() throws Exception {
		this.dorm.database("tenant:kept").exec("CREATE TABLE t (x)");
		String[][] requests = { { "POST", "/actuator/dorm/tenant/migrate-all" },
				{ "POST", "/actuator/dorm/tenant:kept/backup" }, { "POST", "/actuator/dorm/tenant:kept/unknown" },
				{ "DELETE", "/actuator/dorm/tenant:kept" } };
		for (String[] request : requests) {
			HttpResponse<String> response = DatabaseFixtures.send(this.http, this.port, request[0], request[1]);
			assertThat(response.statusCode()).as(request[1]).isEqualTo(403);
			assertThat(response.body()).as(request[1]).isEqualTo(REJECTION);
		}
		assertThat(this.dorm.exists("tenant:kept")).isTrue();
		assertThat(Files.exists(root.resolve("backups"))).isFalse();
	}

	@Test
	void readOperationsStayAvailable() throws Exception {
		assertThat(DatabaseFixtures.send(this.http, this.port, "GET", "/actuator/dorm").statusCode()).isEqualTo(200);
	}

}
