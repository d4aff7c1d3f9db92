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

package dev.dorm.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that todos outlive the application context that wrote them.
 */
class SampleApplicationRestartTests {

	@TempDir
	Path dataDirectory;

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@Test
	void todosSurviveRestart() throws Exception {
		try (ConfigurableApplicationContext context = start()) {
			HttpRequest create = request(context, "/t/acme/todos").header("Content-Type", "application/json")
				.POST(BodyPublishers.ofString("{\"id\":\"kept\",\"title\":\"Survive a restart\"}"))
				.build();
			assertThat(this.http.send(create, BodyHandlers.ofString()).statusCode()).isEqualTo(201);
		}
		try (ConfigurableApplicationContext context = start()) {
			HttpResponse<String> todo = this.http.send(request(context, "/t/acme/todos/kept").GET().build(),
					BodyHandlers.ofString());
			assertThat(todo.statusCode()).isEqualTo(200);
			assertThat(todo.body()).contains("\"title\":\"Survive a restart\"");
			HttpResponse<String> count = this.http.send(request(context, "/t/acme/count").GET().build(),
					BodyHandlers.ofString());
			assertThat(count.body()).isEqualTo("{\"count\":1}");
		}
	}

	private ConfigurableApplicationContext start() {
		return SpringApplication.run(SampleApplication.class, "--server.port=0",
				"--dorm.data-dir=" + this.dataDirectory);
	}

	private HttpRequest.Builder request(ConfigurableApplicationContext context, String path) {
		String port = context.getEnvironment().getRequiredProperty("local.server.port");
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30));
	}

}
