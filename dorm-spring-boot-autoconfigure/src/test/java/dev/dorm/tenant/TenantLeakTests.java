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

package dev.dorm.tenant;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import dev.dorm.tenant.app.TenantTestApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that no tenant survives a request on a server with a single worker thread, so
 * every request reuses the thread of the one before.
 */
@SpringBootTest(classes = TenantTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "dorm.migrations.locations=classpath:tenant-app/{kind}", "dorm.tenant.required-paths=/api/**",
				"server.tomcat.threads.max=1", "server.tomcat.threads.min-spare=1" })
class TenantLeakTests {

	@TempDir
	static Path dataDirectory;

	@DynamicPropertySource
	static void dataDirectory(DynamicPropertyRegistry registry) {
		registry.add("dorm.data-dir", () -> dataDirectory.toString());
	}

	@LocalServerPort
	int port;

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void requestAfterFailedRequestHasNoTenant() throws Exception {
		for (int i = 0; i < 5; i++) {
			assertThat(send("/api/fail", "leak").statusCode()).isEqualTo(500);
			HttpResponse<String> tenant = send("/open/tenant", null);
			assertThat(tenant.statusCode()).isEqualTo(200);
			assertThat(tenant.body()).isEqualTo("{\"tenant\":\"null\"}");
			HttpResponse<String> count = send("/open/count", null);
			assertThat(count.statusCode()).isEqualTo(400);
			assertThat(count.body()).contains("No tenant is bound");
			assertThat(send("/api/notes/count", null).statusCode()).isEqualTo(400);
		}
	}

	@Test
	void requestAfterSuccessfulRequestHasNoTenant() throws Exception {
		assertThat(send("/api/notes/count", "leak-ok").statusCode()).isEqualTo(200);
		assertThat(send("/open/tenant", null).body()).isEqualTo("{\"tenant\":\"null\"}");
	}

	private HttpResponse<String> send(String path, String tenant) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path));
		if (tenant != null) {
			request.header("X-Tenant-Id", tenant);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
