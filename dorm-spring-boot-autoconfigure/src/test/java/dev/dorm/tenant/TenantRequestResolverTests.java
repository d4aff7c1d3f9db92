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
import java.util.List;
import java.util.Set;
import java.util.Map;

import dev.dorm.DormClient;
import dev.dorm.registry.DatabaseInitializer;
import dev.dorm.registry.DefaultDormClient;
import dev.dorm.registry.RegistrySettings;
import dev.dorm.registry.TenantDatabaseRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link TenantRequestResolver} and the built-in {@link TenantResolver}s.
 */
class TenantRequestResolverTests {

	@TempDir
	Path directory;

	private TenantDatabaseRegistry registry;

	private DormClient client;

	@BeforeEach
	void setUp() {
		RegistrySettings settings = new RegistrySettings();
		settings.setDataDirectory(this.directory);
		this.registry = new TenantDatabaseRegistry(settings, DatabaseInitializer.NONE);
		this.client = new DefaultDormClient(this.registry);
	}

	@AfterEach
	void tearDown() {
		this.registry.close();
		SecurityContextHolder.clearContext();
	}

	@Test
	void headerResolverReadsHeader() {
		HeaderTenantResolver resolver = new HeaderTenantResolver("X-Tenant-Id");
		MockHttpServletRequest request = new MockHttpServletRequest();
		assertThat(resolver.resolveTenant(request)).isNull();
		request.addHeader("X-Tenant-Id", "");
		assertThat(resolver.resolveTenant(request)).isNull();
		MockHttpServletRequest named = new MockHttpServletRequest();
		named.addHeader("x-tenant-id", "acme");
		assertThat(resolver.resolveTenant(named)).isEqualTo("acme");
	}

	@ParameterizedTest
	@CsvSource({ "/api/acme/todos, acme", "/api/acme, acme", "/api/a%40b.c/x, a@b.c", "/other/acme, ''", "/api, ''" })
	void pathResolverReadsDecodedVariable(String uri, String tenant) {
		PathPatternTenantResolver resolver = new PathPatternTenantResolver("/api/{tenant}/**", "tenant");
		MockHttpServletRequest request = new MockHttpServletRequest("GET", uri);
		assertThat(resolver.resolveTenant(request)).isEqualTo(tenant.isEmpty() ? null : tenant);
	}

	@Test
	void pathResolverIgnoresContextPath() {
		PathPatternTenantResolver resolver = new PathPatternTenantResolver("/api/{tenant}/**", "tenant");
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/app/api/acme/todos");
		request.setContextPath("/app");
		assertThat(resolver.resolveTenant(request)).isEqualTo("acme");
	}

	@Test
	void pathResolverRejectsPatternWithoutVariable() {
		assertThatIllegalArgumentException().isThrownBy(() -> new PathPatternTenantResolver("/api/**", "tenant"))
			.withMessage("Path pattern '/api/**' has no variable '{tenant}'");
	}

	@ParameterizedTest
	@CsvSource({ "acme.example.com, acme", "ACME.Example.COM, acme", "acme.example.com., acme", "example.com, ''",
			"example.com., ''", "other.com, ''", "xexample.com, ''", "localhost, ''" })
	void subdomainResolverReadsSingleLabel(String host, String tenant) {
		SubdomainTenantResolver resolver = new SubdomainTenantResolver("example.com");
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.setServerName(host);
		assertThat(resolver.resolveTenant(request)).isEqualTo(tenant.isEmpty() ? null : tenant);
	}

	@Test
	void subdomainResolverRejectsNestedLabels() {
		SubdomainTenantResolver resolver = new SubdomainTenantResolver("example.com");
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.setServerName("evil.acme.example.com");
		assertThatExceptionOfType(TenantResolutionException.class).isThrownBy(() -> resolver.resolveTenant(request))
			.withMessageContaining("more than one label");
	}

	@Test
	void principalResolverReadsClaimOfAuthenticatedPrincipal() {
		PrincipalClaimTenantResolver resolver = new PrincipalClaimTenantResolver("tenant_id");
		MockHttpServletRequest request = new MockHttpServletRequest();
		assertThat(resolver.resolveTenant(request)).isNull();
		SecurityContextHolder.getContext()
			.setAuthentication(new AnonymousAuthenticationToken("key", Map.of("tenant_id", "anon"),
					AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS")));
		assertThat(resolver.resolveTenant(request)).isNull();
		SecurityContextHolder.getContext()
			.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(Map.of("tenant_id", "acme"), null,
					AuthorityUtils.createAuthorityList("ROLE_USER")));
		assertThat(resolver.resolveTenant(request)).isEqualTo("acme");
	}

	@Test
	void firstSourceNamesTenantInCanonicalForm() {
		TenantRequestResolver resolver = new TenantRequestResolver(
				List.of(new HeaderTenantResolver("X-Tenant-Id"), (request) -> "tenant:acme"), this.client);
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.addHeader("X-Tenant-Id", "acme");
		TenantRequestResolver.Resolution resolution = resolver.resolve(request);
		assertThat(resolution.isRejected()).isFalse();
		assertThat(resolution.tenant()).isEqualTo("tenant:acme");
	}

	@Test
	void sourcesThatDisagreeAreForbidden() {
		TenantRequestResolver resolver = new TenantRequestResolver(
				List.of(new HeaderTenantResolver("X-Tenant-Id"), new PrincipalClaimTenantResolver("tenant_id")),
				this.client);
		SecurityContextHolder.getContext()
			.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(Map.of("tenant_id", "mine"), null,
					AuthorityUtils.createAuthorityList("ROLE_USER")));
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.addHeader("X-Tenant-Id", "theirs");
		TenantRequestResolver.Resolution resolution = resolver.resolve(request);
		assertThat(resolution.status()).isEqualTo(403);
		assertThat(resolution.tenant()).isNull();
		assertThat(resolution.error()).isEqualTo("Tenant 'tenant:mine' from claim 'tenant_id' of the authenticated "
				+ "principal does not match tenant 'tenant:theirs' from header 'X-Tenant-Id'; "
				+ "the request may use only one tenant");
	}

	@ParameterizedTest
	@ValueSource(strings = { "../etc", "a/b", "a\\b", ".", "..", "con", "a:b:c", "a b", "\u00e9",
			"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
			"-x", "x-", "Tenant:acme" })
	void invalidValueIsBadRequest(String value) {
		TenantRequestResolver resolver = new TenantRequestResolver(List.of((request) -> value), this.client);
		TenantRequestResolver.Resolution resolution = resolver.resolve(new MockHttpServletRequest());
		assertThat(resolution.status()).isEqualTo(400);
		assertThat(resolution.error()).startsWith("Invalid tenant from ");
		assertThat(this.directory).isEmptyDirectory();
	}

	@Test
	void unknownKindIsBadRequest() {
		TenantRequestResolver resolver = new TenantRequestResolver(List.of((request) -> "user:42"), this.client);
		TenantRequestResolver.Resolution resolution = resolver.resolve(new MockHttpServletRequest());
		assertThat(resolution.status()).isEqualTo(400);
		assertThat(resolution.error()).contains("Unknown database kind 'user'");
	}

	@Test
	void otherKindIsBadRequest() {
		DormClient client = clientWithKinds("aggregate", "user");
		TenantRequestResolver resolver = new TenantRequestResolver(List.of((request) -> "aggregate:main"), client);
		TenantRequestResolver.Resolution resolution = resolver.resolve(new MockHttpServletRequest());
		assertThat(resolution.status()).isEqualTo(400);
		assertThat(resolution.error()).contains("'aggregate:main' is a database of kind 'aggregate'",
				"dorm.tenant.kinds");
		assertThat(this.directory.resolve("aggregate")).doesNotExist();
	}

	@Test
	void configuredKindIsAccepted() {
		DormClient client = clientWithKinds("aggregate", "user");
		TenantRequestResolver resolver = new TenantRequestResolver(List.of((request) -> "user:42"), client,
				List.of("user"));
		assertThat(resolver.resolve(new MockHttpServletRequest()).tenant()).isEqualTo("user:42");
		TenantRequestResolver aggregate = new TenantRequestResolver(List.of((request) -> "aggregate:main"), client,
				List.of("user"));
		assertThat(aggregate.resolve(new MockHttpServletRequest()).status()).isEqualTo(400);
	}

	@Test
	void defaultKindIsAcceptedWithOrWithoutPrefix() {
		DormClient client = clientWithKinds("aggregate");
		for (String value : List.of("acme", "tenant:acme")) {
			TenantRequestResolver resolver = new TenantRequestResolver(List.of((request) -> value), client);
			assertThat(resolver.resolve(new MockHttpServletRequest()).tenant()).isEqualTo("tenant:acme");
		}
	}

	private DormClient clientWithKinds(String... kinds) {
		RegistrySettings settings = new RegistrySettings();
		settings.setDataDirectory(this.directory);
		settings.setKinds(Set.of(kinds));
		this.registry.close();
		this.registry = new TenantDatabaseRegistry(settings, DatabaseInitializer.NONE);
		return new DefaultDormClient(this.registry);
	}

	@Test
	void malformedSourceIsBadRequest() {
		TenantRequestResolver resolver = new TenantRequestResolver(List.of(new SubdomainTenantResolver("example.com")),
				this.client);
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.setServerName("a.b.example.com");
		TenantRequestResolver.Resolution resolution = resolver.resolve(request);
		assertThat(resolution.status()).isEqualTo(400);
		assertThat(resolution.error()).startsWith("Invalid tenant from sub-domain of 'example.com': Host ");
	}

	@Test
	void describesSourcesForMissingTenant() {
		TenantRequestResolver resolver = new TenantRequestResolver(
				List.of(new HeaderTenantResolver("X-Tenant-Id"), new SubdomainTenantResolver("example.com")),
				this.client);
		assertThat(resolver.describeSources()).isEqualTo("header 'X-Tenant-Id' or sub-domain of 'example.com'");
	}

}
