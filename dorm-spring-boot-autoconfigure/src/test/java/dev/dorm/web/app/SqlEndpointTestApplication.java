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

package dev.dorm.web.app;

import java.util.Map;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * An application with the SQL endpoint and two security filter chains of its own: one
 * that requires HTTP Basic for {@code /app/**}, with CSRF protection, and one that
 * permits every other request.
 */
@SpringBootApplication
public class SqlEndpointTestApplication {

	/**
	 * Password of the application's user {@code app}, unrelated to the SQL endpoint.
	 */
	public static final String APP_PASSWORD = "app-password";

	@Bean
	@Order(1)
	SecurityFilterChain appSecurityFilterChain(HttpSecurity http) throws Exception {
		return http.securityMatcher("/app/**")
			.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
			.httpBasic(Customizer.withDefaults())
			.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain openSecurityFilterChain(HttpSecurity http) throws Exception {
		return http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll()).build();
	}

	@Bean
	UserDetailsService userDetailsService() {
		return new InMemoryUserDetailsManager(
				User.withUsername("app").password("{noop}" + APP_PASSWORD).roles("USER").build());
	}

	@RestController
	static class AppController {

		@GetMapping("/app/hello")
		Map<String, String> appHello() {
			return Map.of("hello", "app");
		}

		@PostMapping("/app/hello")
		Map<String, String> appPost() {
			return Map.of("posted", "app");
		}

		@GetMapping("/open/hello")
		Map<String, String> openHello() {
			return Map.of("hello", "open");
		}

	}

}
