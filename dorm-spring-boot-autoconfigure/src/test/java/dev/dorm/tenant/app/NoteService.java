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

import java.util.concurrent.CompletableFuture;

import dev.dorm.TenantContext;
import dev.dorm.tenant.TenantScoped;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Service methods that run on the current tenant's database.
 */
@Service
public class NoteService {

	private final NoteRepository repository;

	private final JdbcTemplate jdbcTemplate;

	NoteService(NoteRepository repository, JdbcTemplate jdbcTemplate) {
		this.repository = repository;
		this.jdbcTemplate = jdbcTemplate;
	}

	public Note add(String claimedTenant, String text) {
		return this.repository.save(new Note(null, claimedTenant, text));
	}

	public long count() {
		return this.repository.count();
	}

	@Async
	public CompletableFuture<String> tenantInAsync() {
		return CompletableFuture.completedFuture(String.valueOf(TenantContext.getTenant()));
	}

	@Async
	public CompletableFuture<Long> countInAsync() {
		return CompletableFuture.completedFuture(this.repository.count());
	}

	@TenantScoped(key = "#tenant")
	public long countOf(String tenant) {
		return this.repository.count();
	}

	@TenantScoped
	public String scopedTenant() {
		return TenantContext.requireTenant();
	}

	@Transactional
	public void addThenSwitch(String text, String otherTenant) {
		this.jdbcTemplate.update("INSERT INTO notes (claimed_tenant, text) VALUES (?, ?)", TenantContext.getTenant(),
				text);
		TenantContext.run(otherTenant, () -> this.jdbcTemplate
			.update("INSERT INTO notes (claimed_tenant, text) VALUES (?, ?)", otherTenant, text));
	}

	@Transactional
	@TenantScoped(key = "#tenant")
	public void addTwiceAndFail(String tenant, String text) {
		add(tenant, text);
		add(tenant, text);
		throw new IllegalStateException("Rolled back on purpose");
	}

}
