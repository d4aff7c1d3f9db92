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

import java.net.http.HttpResponse;
import java.nio.file.Path;

import dev.dorm.DormClient;
import dev.dorm.web.app.SqlEndpointTestApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that the SQL endpoint runs no statement when another security filter chain,
 * ordered before the endpoint's, takes its paths and permits every request.
 */
@SpringBootTest(classes = { SqlEndpointTestApplication.class, SqlEndpointShadowedChainTests.PermitAllChain.class },
		webEnvironment = WebEnvironment.RANDOM_PORT)
class SqlEndpointShadowedChainTests {

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
	DormClient dorm;

	@Test
	void handlerRejectsRequestsItsChainDidNotAuthorize() throws Exception {
		SqlEndpointHttp http = new SqlEndpointHttp(this.port);
		for (String authorization : new String[] { null, "Bearer " + SqlEndpointHttp.SECRET }) {
			HttpResponse<String> response = http.post("/db/shadowed/query/raw", authorization,
					"{\"sql\":\"CREATE TABLE planted (a)\"}");
			assertThat(response.statusCode()).isEqualTo(403);
			assertThat(SqlEndpointHttp.json(response).get("error").stringValue())
				.startsWith("The request was not authorized by the SQL endpoint's security filter chain");
		}
		assertThat(this.dorm.exists("tenant:shadowed")).isFalse();
	}

	@Configuration(proxyBeanMethods = false)
	static class PermitAllChain {

		@Bean
		@Order(Ordered.HIGHEST_PRECEDENCE)
		SecurityFilterChain shadowingSecurityFilterChain(HttpSecurity http) throws Exception {
			return http.securityMatcher("/db/**")
				.csrf((csrf) -> csrf.disable())
				.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
				.build();
		}

	}

}
