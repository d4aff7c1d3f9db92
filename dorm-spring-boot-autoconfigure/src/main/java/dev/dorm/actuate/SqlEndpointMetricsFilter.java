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

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Records every request to the SQL endpoint in the timer {@value #REQUESTS}, tagged with
 * the route ({@code raw}, {@code stream} or {@code other}), the outcome ({@code SUCCESS},
 * {@code CLIENT_ERROR}, {@code SERVER_ERROR} or {@code OTHER}) and the status code.
 * Register it before Spring Security's filters so that it also sees the requests they
 * reject.
 *
 * @since 0.1.0
 */
public class SqlEndpointMetricsFilter extends OncePerRequestFilter {

	/**
	 * Name of the timer of SQL endpoint requests.
	 */
	public static final String REQUESTS = "dorm.sql-endpoint.requests";

	private final MeterRegistry meterRegistry;

	private final String prefix;

	/**
	 * Create a filter.
	 * @param meterRegistry the registry of the timer
	 * @param prefix the path prefix of the SQL endpoint, such as {@code /db}
	 */
	public SqlEndpointMetricsFilter(MeterRegistry meterRegistry, String prefix) {
		this.meterRegistry = meterRegistry;
		this.prefix = prefix;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return !(path.equals(this.prefix) || path.startsWith(this.prefix + "/"));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long start = System.nanoTime();
		try {
			chain.doFilter(request, response);
		}
		finally {
			int status = response.getStatus();
			Timer.builder(REQUESTS)
				.description("Requests to the SQL endpoint")
				.tag("route", route(request.getRequestURI()))
				.tag("outcome", outcome(status))
				.tag("status", Integer.toString(status))
				.register(this.meterRegistry)
				.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
		}
	}

	private static String route(String uri) {
		if (uri.endsWith("/query/raw")) {
			return "raw";
		}
		if (uri.endsWith("/query/stream")) {
			return "stream";
		}
		return "other";
	}

	private static String outcome(int status) {
		if (status >= 200 && status < 300) {
			return "SUCCESS";
		}
		if (status >= 400 && status < 500) {
			return "CLIENT_ERROR";
		}
		if (status >= 500) {
			return "SERVER_ERROR";
		}
		return "OTHER";
	}

}
