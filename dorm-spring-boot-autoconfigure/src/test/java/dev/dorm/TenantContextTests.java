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

package dev.dorm;

import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link TenantContext}.
 */
class TenantContextTests {

	@AfterEach
	void clear() {
		TenantContext.clear();
	}

	@Test
	void runBindsCanonicalNameAndRestoresPrevious() {
		TenantContext.setTenant("outer");
		TenantContext.run("acme", () -> assertThat(TenantContext.getTenant()).isEqualTo("tenant:acme"));
		assertThat(TenantContext.getTenant()).isEqualTo("tenant:outer");
	}

	@Test
	void callRestoresPreviousAfterException() {
		assertThatIllegalStateException().isThrownBy(() -> TenantContext.call("acme", () -> {
			throw new IllegalStateException("fails");
		}));
		assertThat(TenantContext.getTenant()).isNull();
	}

	@Test
	void requireTenantWithoutTenantFails() {
		assertThatExceptionOfType(NoTenantException.class).isThrownBy(TenantContext::requireTenant)
			.withMessageContaining("No tenant is bound to thread '" + Thread.currentThread().getName() + "'");
	}

	@Test
	void invalidTenantIsRejectedAndPreviousKept() {
		TenantContext.setTenant("acme");
		assertThatExceptionOfType(InvalidDatabaseNameException.class).isThrownBy(() -> TenantContext.setTenant("../x"));
		assertThat(TenantContext.getTenant()).isEqualTo("tenant:acme");
	}

	@Test
	void wrapRunsWithCapturedTenantOrNone() throws Exception {
		AtomicReference<String> seen = new AtomicReference<>("unset");
		Runnable withTenant = TenantContext.wrap("tenant:acme", () -> seen.set(TenantContext.getTenant()));
		Runnable withoutTenant = TenantContext.wrap(null, () -> seen.set(TenantContext.getTenant()));
		TenantContext.setTenant("leftover");
		withTenant.run();
		assertThat(seen.get()).isEqualTo("tenant:acme");
		withoutTenant.run();
		assertThat(seen.get()).isNull();
		assertThat(TenantContext.getTenant()).isEqualTo("tenant:leftover");
	}

	@Test
	void otherThreadDoesNotSeeTenant() throws Exception {
		AtomicReference<String> seen = new AtomicReference<>("unset");
		TenantContext.run("acme", () -> {
			Thread thread = new Thread(() -> seen.set(TenantContext.getTenant()));
			thread.start();
			try {
				thread.join();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		assertThat(seen.get()).isNull();
	}

}
