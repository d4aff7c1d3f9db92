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

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.dorm.DatabaseName;
import dev.dorm.DormClient;
import dev.dorm.NoTenantException;
import dev.dorm.TenantContext;
import dev.dorm.TenantSwitchException;
import dev.dorm.tenant.app.NoteService;
import dev.dorm.tenant.app.ScopedReports;
import dev.dorm.tenant.app.TenantTestApplication;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests the tenant of each request end to end, on a real server with real tenant
 * databases.
 */
@SpringBootTest(classes = TenantTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "dorm.migrations.locations=classpath:tenant-app/{kind}", "dorm.tenant.required-paths=/api/**",
				"dorm.tenant.principal-claim=tenant_id", "server.tomcat.threads.max=4",
				"spring.task.execution.pool.core-size=1", "spring.task.execution.pool.max-size=1" })
class TenantIntegrationTests {

	@TempDir
	static Path dataDirectory;

	@DynamicPropertySource
	static void dataDirectory(DynamicPropertyRegistry registry) {
		registry.add("dorm.data-dir", () -> dataDirectory.toString());
	}

	@LocalServerPort
	int port;

	@Autowired
	DormClient dorm;

	@Autowired
	NoteService notes;

	@Autowired
	AsyncTaskExecutor applicationTaskExecutor;

	@Autowired
	ScopedReports reports;

	private final HttpClient http = HttpClient.newHttpClient();

	@AfterEach
	void noTenantLeftOnTestThread() {
		assertThat(TenantContext.getTenant()).isNull();
	}

	@Test
	void interleavedRequestsOfTwoTenantsNeverMix() throws Exception {
		ExecutorService clients = Executors.newFixedThreadPool(4);
		try {
			List<Future<Integer>> statuses = new ArrayList<>();
			for (int i = 0; i < 1000; i++) {
				String tenant = (i % 2 == 0) ? "mix-a" : "mix-b";
				int request = i;
				statuses.add(clients
					.submit(() -> post("/api/notes?claimed=" + tenant + "&text=n" + request, tenant).statusCode()));
			}
			for (Future<Integer> status : statuses) {
				assertThat(status.get(60, TimeUnit.SECONDS)).isEqualTo(200);
			}
		}
		finally {
			clients.shutdownNow();
		}
		assertThat(claims("tenant:mix-a")).containsExactly(List.of("mix-a", 500L));
		assertThat(claims("tenant:mix-b")).containsExactly(List.of("mix-b", 500L));
		for (DatabaseName name : this.dorm.list("tenant")) {
			if (!name.key().startsWith("mix-")) {
				assertThat(claims(name.toString())).noneMatch((row) -> row.get(0).toString().startsWith("mix-"));
			}
		}
	}

	@Test
	void missingTenantOnRequiredPathIsBadRequest() throws Exception {
		HttpResponse<String> response = get("/api/notes/count", null);
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
		assertThat(response.body()).isEqualTo("{\"error\":\"No tenant in the request to '/api/notes/count'; "
				+ "name it in header 'X-Tenant-Id' or claim 'tenant_id' of the authenticated principal\"}");
	}

	@Test
	void invalidTenantIsBadRequestNamingTheRule() throws Exception {
		HttpResponse<String> traversal = get("/api/notes/count", "../etc");
		assertThat(traversal.statusCode()).isEqualTo(400);
		assertThat(traversal.body()).contains("Invalid tenant from header 'X-Tenant-Id'")
			.contains("a key may contain only ASCII letters");
		HttpResponse<String> unknownKind = get("/api/notes/count", "user:1");
		assertThat(unknownKind.statusCode()).isEqualTo(400);
		assertThat(unknownKind.body()).contains("Unknown database kind 'user'");
		assertThat(Files.exists(dataDirectory.resolve("user"))).isFalse();
	}

	@Test
	void headerThatDisagreesWithClaimIsForbidden() throws Exception {
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/notes/count"))
			.header("X-Tenant-Id", "claim-b")
			.header("X-Test-Tenant-Claim", "claim-a")
			.GET());
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.body()).isEqualTo("{\"error\":\"Tenant 'tenant:claim-a' from claim 'tenant_id' of the "
				+ "authenticated principal does not match tenant 'tenant:claim-b' from header 'X-Tenant-Id'; "
				+ "the request may use only one tenant\"}");
		assertThat(this.dorm.exists("tenant:claim-a")).isFalse();
		assertThat(this.dorm.exists("tenant:claim-b")).isFalse();
	}

	@Test
	void headerThatAgreesWithClaimIsAccepted() throws Exception {
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/notes/count"))
			.header("X-Tenant-Id", "tenant:agree")
			.header("X-Test-Tenant-Claim", "agree")
			.GET());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"tenant\":\"tenant:agree\"");
	}

	@Test
	void claimAloneNamesTheTenant() throws Exception {
		HttpResponse<String> response = send(
				HttpRequest.newBuilder(uri("/api/notes/count")).header("X-Test-Tenant-Claim", "claimed").GET());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"tenant\":\"tenant:claimed\"");
	}

	@Test
	void routingDataSourceWithoutTenantIsBadRequest() throws Exception {
		HttpResponse<String> response = get("/open/count", null);
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("No tenant is bound to thread");
	}

	@Test
	void asyncMethodSeesTheRequestTenant() throws Exception {
		post("/api/notes?claimed=async&text=one", "async");
		HttpResponse<String> response = get("/api/async/tenant", "async");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"tenant\":\"tenant:async\"").contains("\"count\":1");
	}

	@Test
	void taskSubmittedWithoutTenantHasNone() throws Exception {
		TenantContext.run("task-a", () -> this.notes.add("task-a", "one"));
		String seen = TenantContext.call("task-a",
				() -> join(this.applicationTaskExecutor.submit(() -> String.valueOf(TenantContext.getTenant()))));
		assertThat(seen).isEqualTo("tenant:task-a");
		Future<Long> withoutTenant = this.applicationTaskExecutor.submit(() -> this.notes.count());
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> withoutTenant.get(10, TimeUnit.SECONDS))
			.withRootCauseInstanceOf(NoTenantException.class);
		assertThat(TenantContext.call("task-a", () -> this.notes.count())).isEqualTo(1);
	}

	@Test
	void switchingTenantInsideTransactionFailsAndWritesNothing() {
		assertThatExceptionOfType(TenantSwitchException.class)
			.isThrownBy(() -> TenantContext.run("switch-a", () -> this.notes.addThenSwitch("text", "switch-b")))
			.withMessageContaining("Cannot switch from tenant 'tenant:switch-a' to tenant 'tenant:switch-b'");
		assertThat(TenantContext.call("switch-a", () -> this.notes.count())).isZero();
		assertThat(this.dorm.exists("tenant:switch-b")).isFalse();
	}

	@Test
	void tenantScopedKeyBindsTenantForTheCall() {
		TenantContext.run("scoped-x", () -> this.notes.add("scoped-x", "one"));
		assertThat(this.notes.countOf("scoped-x")).isEqualTo(1);
		assertThat(this.notes.countOf("scoped-empty")).isZero();
		assertThat(TenantContext.getTenant()).isNull();
	}

	@Test
	void tenantScopedRestoresPreviousTenant() {
		TenantContext.run("outer", () -> {
			assertThat(this.notes.countOf("inner")).isZero();
			assertThat(TenantContext.getTenant()).isEqualTo("tenant:outer");
		});
	}

	@Test
	void tenantScopedBindsBeforeTransactionAndRollsBack() {
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> this.notes.addTwiceAndFail("scoped-tx", "text"));
		assertThat(this.notes.countOf("scoped-tx")).isZero();
	}

	@Test
	void tenantScopedWithoutKeyUsesRequestTenant() throws Exception {
		assertThat(get("/open/scoped", "from-request").body()).contains("\"tenant\":\"tenant:from-request\"");
		HttpResponse<String> none = get("/open/scoped", null);
		assertThat(none.statusCode()).isEqualTo(400);
		assertThat(none.body()).contains("No tenant is bound for @TenantScoped method");
	}

	@Test
	void tenantScopedOnClassAppliesToEveryMethod() {
		TenantContext.run("class-a", () -> {
			this.notes.add("class-a", "one");
			this.notes.add("class-a", "two");
		});
		assertThat(this.reports.countNotes("class-a")).isEqualTo(2);
		assertThat(this.reports.countNotes("class-b")).isZero();
		assertThat(this.reports.currentTenant("class-c")).isEqualTo("tenant:class-c");
		assertThat(TenantContext.getTenant()).isNull();
	}

	@Test
	void tenantScopedWithoutAnyTenantFails() {
		assertThatExceptionOfType(NoTenantException.class).isThrownBy(() -> this.notes.scopedTenant());
	}

	private List<List<Object>> claims(String database) {
		return this.dorm.database(database)
			.exec("SELECT claimed_tenant, count(*) FROM notes GROUP BY claimed_tenant ORDER BY 1")
			.rows();
	}

	private static <T> T join(Future<T> future) {
		try {
			return future.get(10, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private HttpResponse<String> get(String path, String tenant) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
		if (tenant != null) {
			request.header("X-Tenant-Id", tenant);
		}
		return send(request);
	}

	private HttpResponse<String> post(String path, String tenant) throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(uri(path))
			.header("X-Tenant-Id", tenant)
			.POST(HttpRequest.BodyPublishers.noBody()));
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	static long countFiles(Path directory) throws IOException {
		try (Stream<Path> files = Files.walk(directory)) {
			return files.filter(Files::isRegularFile).count();
		}
	}

}
