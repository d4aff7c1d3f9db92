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

import java.nio.file.Path;

import dev.dorm.actuate.SqlEndpointMetricsFilter;
import dev.dorm.web.app.SqlEndpointTestApplication;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
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
 * Tests that requests to the SQL endpoint are counted by route and outcome, rejected ones
 * included, without the database name in any tag.
 */
@SpringBootTest(classes = SqlEndpointTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class SqlEndpointMetricsTests {

	@TempDir
	static Path dataDirectory;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("dorm.data-dir", dataDirectory::toString);
		for (String property : SqlEndpointHttp.PROPERTIES) {
			int equals = property.indexOf('=');
			registry.add(property.substring(0, equals), () -> property.substring(equals + 1));
		}
	}

	@LocalServerPort
	int port;

	@Autowired
	MeterRegistry meterRegistry;

	@Test
	void requestsAreTimedByRouteAndOutcome() throws Exception {
		SqlEndpointHttp http = new SqlEndpointHttp(this.port);
		http.admin("/db/metered/query/raw", "{\"sql\": \"SELECT 1\"}");
		http.admin("/db/metered/query/raw", "{\"sql\": \"SELECT 1\"}");
		http.admin("/db/metered/query/raw", "{\"sql\": \"ATTACH 'x' AS y\"}");
		http.post("/db/metered/query/stream", "Bearer wrong-secret-of-some-length", "{\"sql\": \"SELECT 1\"}");
		// The server records a request after its response is sent, so wait for the counts
		awaitCount("raw", "SUCCESS", "200", 2);
		awaitCount("raw", "CLIENT_ERROR", "400", 1);
		awaitCount("stream", "CLIENT_ERROR", "401", 1);
		this.meterRegistry.find(SqlEndpointMetricsFilter.REQUESTS)
			.timers()
			.forEach((meter) -> assertThat(meter.getId().getTags())
				.noneMatch((tag) -> tag.getValue().contains("metered")));
	}

	private void awaitCount(String route, String outcome, String status, long expected) throws InterruptedException {
		long deadline = System.nanoTime() + 10_000_000_000L;
		long count = 0;
		while (System.nanoTime() < deadline) {
			Timer timer = this.meterRegistry.find(SqlEndpointMetricsFilter.REQUESTS)
				.tag("route", route)
				.tag("outcome", outcome)
				.tag("status", status)
				.timer();
			count = (timer != null) ? timer.count() : 0;
			if (count >= expected) {
				break;
			}
			Thread.sleep(10);
		}
		assertThat(count).as(route + " " + outcome + " " + status).isEqualTo(expected);
	}

}
