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

import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.dorm.NoTenantException;
import dev.dorm.TenantContext;
import dev.dorm.tenant.app.NoteService;
import dev.dorm.tenant.app.TenantTestApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests that the tenant follows work to the virtual-thread executor Spring Boot builds
 * when virtual threads are enabled. Virtual threads need Java 21.
 */
@EnabledForJreRange(min = JRE.JAVA_21)
@SpringBootTest(classes = TenantTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "dorm.migrations.locations=classpath:tenant-app/{kind}", "spring.threads.virtual.enabled=true" })
class VirtualThreadTenantTests {

	@TempDir
	static Path dataDirectory;

	@DynamicPropertySource
	static void dataDirectory(DynamicPropertyRegistry registry) {
		registry.add("dorm.data-dir", () -> dataDirectory.toString());
	}

	@Autowired
	AsyncTaskExecutor applicationTaskExecutor;

	@Autowired
	NoteService notes;

	@Test
	void asyncMethodOnVirtualThreadSeesTenant() throws Exception {
		TenantContext.run("virtual", () -> this.notes.add("virtual", "one"));
		String tenant = TenantContext.call("virtual", () -> this.notes.tenantInAsync().join());
		assertThat(tenant).isEqualTo("tenant:virtual");
		long count = TenantContext.call("virtual", () -> this.notes.countInAsync().join());
		assertThat(count).isEqualTo(1);
		String thread = TenantContext.call("virtual",
				() -> join(this.applicationTaskExecutor.submit(() -> Thread.currentThread().toString())));
		assertThat(thread).contains("VirtualThread");
	}

	@Test
	void taskWithoutTenantFailsOnVirtualThread() {
		Future<Long> task = this.applicationTaskExecutor.submit(() -> this.notes.count());
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> task.get(10, TimeUnit.SECONDS))
			.withRootCauseInstanceOf(NoTenantException.class);
	}

	private static <T> T join(Future<T> future) {
		try {
			return future.get(10, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
