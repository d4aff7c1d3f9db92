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

import java.util.Map;

import dev.dorm.TenantContext;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Routes of the test application. Routes under {@code /api} require a tenant;
 * {@code /open} routes do not, so they show what happens with none.
 */
@RestController
class NoteController {

	private final NoteService service;

	NoteController(NoteService service) {
		this.service = service;
	}

	@PostMapping("/api/notes")
	Note add(@RequestParam String claimed, @RequestParam String text) {
		return this.service.add(claimed, text);
	}

	@GetMapping("/api/notes/count")
	Map<String, Object> count() {
		return Map.of("tenant", TenantContext.requireTenant(), "count", this.service.count());
	}

	@GetMapping("/api/async/tenant")
	Map<String, Object> asyncTenant() {
		return Map.of("tenant", this.service.tenantInAsync().join(), "count", this.service.countInAsync().join());
	}

	@GetMapping("/api/fail")
	String fail() {
		throw new IllegalStateException("Failed on purpose");
	}

	@GetMapping("/open/count")
	Map<String, Object> openCount() {
		return Map.of("count", this.service.count());
	}

	@GetMapping("/open/tenant")
	Map<String, Object> openTenant() {
		return Map.of("tenant", String.valueOf(TenantContext.getTenant()));
	}

	@GetMapping("/open/scoped")
	Map<String, Object> scoped() {
		return Map.of("tenant", this.service.scopedTenant());
	}

}
