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

package dev.dorm.tenant.app;

import dev.dorm.TenantContext;
import dev.dorm.tenant.TenantScoped;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * A service whose every public method runs on the tenant named by its first argument,
 * through {@link TenantScoped @TenantScoped} on the class, and reads with Spring's
 * {@link JdbcClient}.
 */
@Service
@TenantScoped(key = "#tenant")
public class ScopedReports {

	private final JdbcClient jdbcClient;

	ScopedReports(JdbcClient jdbcClient) {
		this.jdbcClient = jdbcClient;
	}

	public long countNotes(String tenant) {
		return this.jdbcClient.sql("SELECT count(*) FROM notes").query(Long.class).single();
	}

	public String currentTenant(String tenant) {
		return TenantContext.requireTenant();
	}

}
