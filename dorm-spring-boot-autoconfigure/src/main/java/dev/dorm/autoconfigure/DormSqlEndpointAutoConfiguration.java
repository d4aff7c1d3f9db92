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

package dev.dorm.autoconfigure;

import java.util.List;

import dev.dorm.DormClient;
import dev.dorm.actuate.SqlEndpointMetricsFilter;
import dev.dorm.tenant.TenantRequestResolver;
import dev.dorm.web.SqlEndpointHandler;
import dev.dorm.web.SqlEndpointKeys;
import dev.dorm.web.SqlEndpointSecurity;
import dev.dorm.web.SqlEndpointSettings;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;
import org.springframework.web.filter.CorsFilter;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the SQL endpoint that Outerbase
 * Studio's "StarbaseDB" connection talks to. It applies only when
 * {@code dorm.sql-endpoint.secret} is set, and fails the start if Spring Security is
 * missing.
 * <p>
 * The endpoint gets its own {@link SecurityFilterChain}, which matches only the
 * endpoint's prefix and is ordered before the application's chains. It runs after Spring
 * Boot's security auto-configuration, so that Spring Boot's default chain still backs off
 * only for the application's own chains.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = { DormAutoConfiguration.class, DormTenantAutoConfiguration.class }, afterName = {
		"org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration" })
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnBean(DormClient.class)
@Conditional(DormSqlEndpointAutoConfiguration.SecretCondition.class)
public final class DormSqlEndpointAutoConfiguration {

	/**
	 * Order of the endpoint's security filter chain: before the chains of the application
	 * and Spring Boot's default chain. The chain matches only the endpoint's prefix.
	 */
	public static final int SECURITY_FILTER_CHAIN_ORDER = Ordered.HIGHEST_PRECEDENCE + 100;

	/**
	 * Order of the filter that records the endpoint's requests: before Spring Security's
	 * filter chain, whose default order is -100, so that it sees rejected requests too.
	 */
	static final int METRICS_FILTER_ORDER = -110;

	/**
	 * Classes that the endpoint needs: Spring Security's configuration and web support,
	 * Spring MVC's functional endpoints and Jackson.
	 */
	private static final List<String> REQUIRED_CLASSES = List.of(
			"org.springframework.security.config.annotation.web.builders.HttpSecurity",
			"org.springframework.security.web.SecurityFilterChain",
			"org.springframework.web.servlet.function.RouterFunction", "tools.jackson.databind.json.JsonMapper");

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ HttpSecurity.class, SecurityFilterChain.class, RouterFunction.class, JsonMapper.class })
	static class EndpointConfiguration {

		@Bean
		@ConditionalOnMissingBean
		SqlEndpointSettings sqlEndpointSettings(DormProperties properties) {
			return DormSettingsMapper.sqlEndpointSettings(properties);
		}

		@Bean
		@ConditionalOnMissingBean
		SqlEndpointKeys sqlEndpointKeys(DormProperties properties, DormClient dormClient) {
			return new SqlEndpointKeys(DormSettingsMapper.sqlEndpointSecret(properties), dormClient);
		}

		@Bean
		@ConditionalOnMissingBean
		SqlEndpointHandler sqlEndpointHandler(DormClient dormClient, SqlEndpointSettings settings,
				ObjectProvider<TenantRequestResolver> tenantRequestResolver) {
			return new SqlEndpointHandler(dormClient, settings, tenantRequestResolver.getIfAvailable());
		}

		@Bean
		RouterFunction<ServerResponse> dormSqlEndpointRouterFunction(SqlEndpointHandler sqlEndpointHandler) {
			return sqlEndpointHandler.routerFunction();
		}

		@Bean
		@ConditionalOnMissingBean
		SqlEndpointSecurity sqlEndpointSecurity(SqlEndpointSettings settings, SqlEndpointKeys keys,
				DormClient dormClient, ObjectProvider<TenantRequestResolver> tenantRequestResolver) {
			return new SqlEndpointSecurity(settings, keys, dormClient, tenantRequestResolver.getIfAvailable());
		}

		@Bean
		@Order(SECURITY_FILTER_CHAIN_ORDER)
		SecurityFilterChain dormSqlEndpointSecurityFilterChain(HttpSecurity http, SqlEndpointSecurity security)
				throws Exception {
			return http.securityMatcher(security.requestMatcher())
				.csrf((csrf) -> csrf.disable())
				.cors((cors) -> cors.disable())
				.formLogin((formLogin) -> formLogin.disable())
				.httpBasic((httpBasic) -> httpBasic.disable())
				.logout((logout) -> logout.disable())
				.requestCache((requestCache) -> requestCache.disable())
				.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
				.exceptionHandling(
						(exceptions) -> exceptions.authenticationEntryPoint(security.authenticationEntryPoint())
							.accessDeniedHandler(security.accessDeniedHandler()))
				.addFilterAt(security.corsFilter(), CorsFilter.class)
				.addFilterAt(security.authenticationFilter(), BasicAuthenticationFilter.class)
				.authorizeHttpRequests((requests) -> requests.anyRequest().access(security.authorizationManager()))
				.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { "io.micrometer.core.instrument.MeterRegistry",
			"org.springframework.web.filter.OncePerRequestFilter" })
	static class MetricsConfiguration {

		@Bean
		@ConditionalOnBean(type = "io.micrometer.core.instrument.MeterRegistry")
		FilterRegistrationBean<SqlEndpointMetricsFilter> dormSqlEndpointMetricsFilter(MeterRegistry meterRegistry,
				DormProperties properties) {
			FilterRegistrationBean<SqlEndpointMetricsFilter> registration = new FilterRegistrationBean<>(
					new SqlEndpointMetricsFilter(meterRegistry, properties.getSqlEndpoint().getPrefix()));
			registration.setOrder(METRICS_FILTER_ORDER);
			return registration;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Conditional(MissingClassesCondition.class)
	static class MissingClassesConfiguration {

		MissingClassesConfiguration(ResourceLoader resourceLoader) {
			throw new IllegalStateException("Property 'dorm.sql-endpoint.secret' is set, which enables the SQL"
					+ " endpoint, but " + String.join(", ", missingClasses(resourceLoader.getClassLoader()))
					+ " is not on the class path; add " + "'org.springframework.boot:spring-boot-starter-security' and"
					+ " 'org.springframework.boot:spring-boot-starter-webmvc', or remove the property");
		}

	}

	private static List<String> missingClasses(@Nullable ClassLoader classLoader) {
		return REQUIRED_CLASSES.stream().filter((name) -> !ClassUtils.isPresent(name, classLoader)).toList();
	}

	/**
	 * Matches when a class that the endpoint needs is missing.
	 */
	static class MissingClassesCondition extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			List<String> missing = missingClasses(context.getClassLoader());
			return missing.isEmpty() ? ConditionOutcome.noMatch("the SQL endpoint's classes are present")
					: ConditionOutcome.match("missing " + missing);
		}

	}

	/**
	 * Matches when {@code dorm.sql-endpoint.secret} has text. The message never contains
	 * the secret.
	 */
	static class SecretCondition extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			if (StringUtils.hasText(context.getEnvironment().getProperty("dorm.sql-endpoint.secret"))) {
				return ConditionOutcome.match("dorm.sql-endpoint.secret is set");
			}
			return ConditionOutcome.noMatch("dorm.sql-endpoint.secret is not set");
		}

	}

}
