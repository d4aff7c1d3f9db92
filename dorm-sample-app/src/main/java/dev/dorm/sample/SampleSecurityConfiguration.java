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

import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Security of the sample's own routes: the todo API stays open, as it was before Spring
 * Security joined the class path for the SQL endpoint. The endpoint's own filter chain,
 * ordered before this one, guards {@code /db/**} with {@code dorm.sql-endpoint.secret}.
 * The API uses no cookies or sessions, so it needs no CSRF protection.
 */
@Configuration(proxyBeanMethods = false)
class SampleSecurityConfiguration {

	@Bean
	SecurityFilterChain sampleSecurityFilterChain(HttpSecurity http) throws Exception {
		return http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
			.csrf((csrf) -> csrf.disable())
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.build();
	}

	/**
	 * Respond to requests that Spring Security's firewall rejects, such as paths with
	 * {@code ..} or an encoded period, with the sample's JSON error body instead of
	 * Spring Boot's error page. The firewall checks every request, the todo API's too.
	 */
	@Bean
	RequestRejectedHandler requestRejectedHandler(JsonMapper jsonMapper) {
		return (request, response, ex) -> {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			response.setContentType("application/json");
			jsonMapper.writeValue(response.getOutputStream(), new ApiError("Invalid request path: " + ex.getMessage()));
		};
	}

}
