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

package dev.dorm.web;

import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.dorm.DormClient;
import dev.dorm.web.app.SqlEndpointTestApplication;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests the credentials of the SQL endpoint, the per-database access keys, and that the
 * application's own security filter chains still apply to its other paths.
 */
@SpringBootTest(classes = SqlEndpointTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "logging.level.dev.dorm.web=debug")
@ExtendWith(OutputCaptureExtension.class)
class SqlEndpointSecurityTests {

	private static final String QUERY = "{\"sql\":\"SELECT count(*) FROM kv\"}";

	@TempDir
	static Path dataDirectory;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("dorm.data-dir", dataDirectory::toString);
		for (String property : SqlEndpointHttp.PROPERTIES) {
			int equals = property.indexOf('=');
			registry.add(property.substring(0, equals), () -> property.substring(equals + 1));
		}
	}

	@LocalServerPort
	int port;

	@Autowired
	SqlEndpointKeys keys;

	@Autowired
	DormClient dorm;

	private SqlEndpointHttp http;

	@BeforeEach
	void createClient() {
		this.http = new SqlEndpointHttp(this.port);
	}

	@Test
	void accessKeyIsHmacOfCanonicalName() throws Exception {
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(SqlEndpointHttp.SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		String expected = HexFormat.of().formatHex(mac.doFinal("tenant:acme".getBytes(StandardCharsets.UTF_8)));
		assertThat(this.keys.keyFor("tenant:acme")).isEqualTo(expected);
		assertThat(this.keys.keyFor("acme")).isEqualTo(expected);
		assertThat(this.keys.keyFor(this.dorm.parseName("acme"))).isEqualTo(expected);
		assertThat(this.keys.keyFor("tenant:acme2")).isNotEqualTo(expected);
		assertThat(this.keys.toString()).doesNotContain(SqlEndpointHttp.SECRET);
	}

	@Test
	void accessKeyOpensOnlyItsDatabase() throws Exception {
		String key = this.keys.keyFor("tenant:keyed");
		for (String path : List.of("/db/keyed/query/raw", "/db/tenant:keyed/query/raw",
				"/db/tenant%3Akeyed/query/raw")) {
			HttpResponse<String> own = this.http.post(path, "Bearer " + key, QUERY);
			assertThat(own.statusCode()).as(path + ": " + own.body()).isEqualTo(200);
		}
		HttpResponse<String> other = this.http.post("/db/other/query/raw", "Bearer " + key, QUERY);
		assertThat(other.statusCode()).isEqualTo(403);
		assertThat(SqlEndpointHttp.error(other)).isEqualTo(
				"The access key does not open database 'tenant:other'; use the access key of that database or the admin secret");
		HttpResponse<String> stream = this.http.post("/db/other/query/stream", "Bearer " + key, QUERY);
		assertThat(stream.statusCode()).isEqualTo(403);
		assertThat(this.dorm.exists("tenant:other")).isFalse();
	}

	@Test
	void accessKeyOnRequestTenantRoute() throws Exception {
		String key = this.keys.keyFor("tenant:routed");
		HttpResponse<String> own = this.http.send(this.http.request("/db/query/raw")
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + key)
			.header("X-Tenant-Id", "routed")
			.POST(BodyPublishers.ofString(QUERY))
			.build());
		assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
		HttpResponse<String> other = this.http.send(this.http.request("/db/query/raw")
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + key)
			.header("X-Tenant-Id", "not-routed")
			.POST(BodyPublishers.ofString(QUERY))
			.build());
		assertThat(other.statusCode()).isEqualTo(403);
		assertThat(SqlEndpointHttp.error(other)).contains("'tenant:not-routed'");
		HttpResponse<String> none = this.http.post("/db/query/raw", "Bearer " + key, QUERY);
		assertThat(none.statusCode()).isEqualTo(403);
		assertThat(SqlEndpointHttp.error(none)).contains("opens only the query routes of its own database");
	}

	@Test
	void accessKeyCannotReachUnknownRoutes() throws Exception {
		String key = this.keys.keyFor("tenant:routes");
		HttpResponse<String> response = this.http.post("/db/routes/admin", "Bearer " + key, QUERY);
		assertThat(response.statusCode()).isEqualTo(403);
		HttpResponse<String> admin = this.http.admin("/db/routes/admin", QUERY);
		assertThat(admin.statusCode()).isEqualTo(404);
		assertThat(SqlEndpointHttp.error(admin)).startsWith("No route for POST /db/routes/admin");
	}

	@Test
	void adminSecretOpensEveryDatabase() throws Exception {
		for (String database : List.of("first", "second", "tenant:third")) {
			HttpResponse<String> response = this.http.admin("/db/" + database + "/query/raw", QUERY);
			assertThat(response.statusCode()).as(database).isEqualTo(200);
		}
	}

	@Test
	void basicCredentialsCarryTokenAsPassword() throws Exception {
		String key = this.keys.keyFor("tenant:basic");
		for (String credentials : List.of("anyone:" + SqlEndpointHttp.SECRET, ":" + SqlEndpointHttp.SECRET,
				"user:" + key)) {
			HttpResponse<String> response = this.http.post("/db/basic/query/raw", basic(credentials), QUERY);
			assertThat(response.statusCode()).as(credentials).isEqualTo(200);
		}
		HttpResponse<String> keyOnOther = this.http.post("/db/basic-other/query/raw", basic("user:" + key), QUERY);
		assertThat(keyOnOther.statusCode()).isEqualTo(403);
	}

	@Test
	void missingCredentialsGet401WithCors() throws Exception {
		HttpResponse<String> response = this.http.post("/db/anonymous/query/raw", null, QUERY);
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().allValues("WWW-Authenticate")).containsExactly(
				"Bearer realm=\"dorm SQL endpoint\"", "Basic realm=\"dorm SQL endpoint\", charset=\"UTF-8\"");
		assertThat(SqlEndpointHttp.error(response)).startsWith("Missing credentials");
		assertThat(this.http.post("/db/anonymous/query/stream", null, QUERY).statusCode()).isEqualTo(401);
		assertThat(this.http.post("/db/anonymous/unknown", null, QUERY).statusCode()).isEqualTo(401);
		assertThat(this.http.post("/db", null, QUERY).statusCode()).isEqualTo(401);
		assertThat(this.dorm.exists("tenant:anonymous")).isFalse();
	}

	@Test
	void wrongCredentialsGet401WithCors(CapturedOutput output) throws Exception {
		String otherSecretKey = new SqlEndpointKeys("another-secret-0123456789", this.dorm).keyFor("tenant:wrong");
		List<String> headers = List.of("Bearer wrong", "Bearer ", "Bearer undefined",
				"Bearer " + SqlEndpointHttp.SECRET + "x", "bearer" + SqlEndpointHttp.SECRET,
				"Token " + SqlEndpointHttp.SECRET, SqlEndpointHttp.SECRET, basic("user:wrong"),
				basic(SqlEndpointHttp.SECRET), "Basic !!!not-base64!!!",
				"Bearer " + this.keys.keyFor("tenant:wrong").toUpperCase());
		for (String header : headers) {
			HttpResponse<String> response = this.http.post("/db/wrong/query/raw", header, QUERY);
			assertThat(response.statusCode()).as(header).isEqualTo(401);
			assertThat(response.headers().allValues("WWW-Authenticate")).as(header).hasSize(2);
			assertThat(SqlEndpointHttp.error(response)).as(header).startsWith("Invalid");
		}
		HttpResponse<String> keyOfOtherSecret = this.http.post("/db/wrong/query/raw", "Bearer " + otherSecretKey,
				QUERY);
		assertThat(keyOfOtherSecret.statusCode()).isEqualTo(403);
		assertThat(this.dorm.exists("tenant:wrong")).isFalse();
		assertThat(output).doesNotContain(SqlEndpointHttp.SECRET);
		assertThat(output).doesNotContain(this.keys.keyFor("tenant:wrong"));
		assertThat(output).doesNotContain(otherSecretKey);
	}

	@Test
	void secretAndKeysNeverReachLogs(CapturedOutput output) throws Exception {
		String key = this.keys.keyFor("tenant:logged");
		this.http.post("/db/logged/query/raw", "Bearer " + key, "{\"sql\":\"SELECT * FROM missing\"}");
		this.http.post("/db/logged/query/raw", "Bearer " + key, "{\"sql\":\"PRAGMA foreign_keys = OFF\"}");
		this.http.admin("/db/logged/query/raw", "{\"sql\":");
		this.http.post("/db/other-logged/query/raw", "Bearer " + key, QUERY);
		assertThat(output).contains("SQL endpoint request failed with status 500");
		assertThat(output).doesNotContain(SqlEndpointHttp.SECRET);
		assertThat(output).doesNotContain(key);
	}

	@Test
	void otherChainsOfApplicationStillApply() throws Exception {
		HttpResponse<String> app = this.http.send(this.http.request("/app/hello").GET().build());
		assertThat(app.statusCode()).isEqualTo(401);
		assertThat(app.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
		HttpResponse<String> appWithEndpointSecret = this.http.send(this.http.request("/app/hello")
			.header("Authorization", "Bearer " + SqlEndpointHttp.SECRET)
			.GET()
			.build());
		assertThat(appWithEndpointSecret.statusCode()).isEqualTo(401);
		HttpResponse<String> appUser = this.http.send(this.http.request("/app/hello")
			.header("Authorization", basic("app:" + SqlEndpointTestApplication.APP_PASSWORD))
			.GET()
			.build());
		assertThat(appUser.statusCode()).isEqualTo(200);
		HttpResponse<String> appPostWithoutCsrfToken = this.http.send(this.http.request("/app/hello")
			.header("Authorization", basic("app:" + SqlEndpointTestApplication.APP_PASSWORD))
			.POST(BodyPublishers.noBody())
			.build());
		assertThat(appPostWithoutCsrfToken.statusCode()).isEqualTo(403);
		HttpResponse<String> open = this.http.send(this.http.request("/open/hello").GET().build());
		assertThat(open.statusCode()).isEqualTo(200);
		assertThat(open.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
		HttpResponse<String> appUserOnEndpoint = this.http.post("/db/app-user/query/raw",
				basic("app:" + SqlEndpointTestApplication.APP_PASSWORD), QUERY);
		assertThat(appUserOnEndpoint.statusCode()).isEqualTo(401);
	}

	@Test
	void getOnQueryRouteIs405() throws Exception {
		HttpResponse<String> response = this.http.send(this.http.request("/db/get/query/raw")
			.header("Authorization", "Bearer " + SqlEndpointHttp.SECRET)
			.GET()
			.build());
		assertThat(response.statusCode()).isEqualTo(405);
		assertThat(response.headers().firstValue("Allow")).hasValue("POST,OPTIONS");
		assertThat(SqlEndpointHttp.error(response)).contains("use POST");
		HttpResponse<String> anonymous = this.http.send(this.http.request("/db/get/query/raw").GET().build());
		assertThat(anonymous.statusCode()).isEqualTo(401);
		SqlEndpointHttp.assertCors(anonymous);
	}

	private static String basic(String credentials) {
		return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
	}

}
