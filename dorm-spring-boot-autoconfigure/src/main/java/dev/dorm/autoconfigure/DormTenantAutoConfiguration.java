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

import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import dev.dorm.DormClient;
import dev.dorm.jdbc.SqliteDialect;
import dev.dorm.jdbc.SqliteExceptionTranslator;
import dev.dorm.tenant.CurrentRequestTenant;
import dev.dorm.tenant.HeaderTenantResolver;
import dev.dorm.tenant.PathPatternTenantResolver;
import dev.dorm.tenant.PrincipalClaimTenantResolver;
import dev.dorm.tenant.SubdomainTenantResolver;
import dev.dorm.tenant.TenantFilter;
import dev.dorm.tenant.TenantRequestResolver;
import dev.dorm.tenant.TenantResolver;
import dev.dorm.tenant.TenantRoutingDataSource;
import dev.dorm.tenant.TenantScopedAdvisor;
import dev.dorm.tenant.TenantScopedInterceptor;
import dev.dorm.tenant.TenantTaskDecorator;
import dev.dorm.web.DormExceptionHandler;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.jdbc.support.SQLExceptionTranslator;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the tenant of each request: the
 * request filter and resolvers, propagation to other threads,
 * {@link dev.dorm.tenant.TenantScoped @TenantScoped}, and the tenant-routed
 * {@link DataSource}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = DormAutoConfiguration.class,
		beforeName = { "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
				"org.springframework.boot.data.jdbc.autoconfigure.DataJdbcRepositoriesAutoConfiguration" })
@ConditionalOnBean(DormClient.class)
public final class DormTenantAutoConfiguration {

	/**
	 * Order of the tenant filter: after Spring Security's filter chain, whose default
	 * order is -100, so that resolvers can read the authenticated principal.
	 */
	static final int FILTER_ORDER = -90;

	@Bean
	@ConditionalOnMissingBean
	TenantTaskDecorator tenantTaskDecorator() {
		return new TenantTaskDecorator();
	}

	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	@ConditionalOnMissingBean
	static TenantScopedAdvisor tenantScopedAdvisor(ObjectProvider<CurrentRequestTenant> requestTenant) {
		return new TenantScopedAdvisor(new TenantScopedInterceptor(() -> currentRequestTenant(requestTenant)));
	}

	private static @Nullable String currentRequestTenant(ObjectProvider<CurrentRequestTenant> requestTenant) {
		CurrentRequestTenant supplier = requestTenant.getIfAvailable();
		return (supplier != null) ? supplier.get() : null;
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "dorm.tenant.routing-data-source", matchIfMissing = true)
	@ConditionalOnMissingBean(DataSource.class)
	static class RoutingDataSourceConfiguration {

		@Bean
		TenantRoutingDataSource dormRoutingDataSource(DormClient dormClient) {
			return new TenantRoutingDataSource(dormClient);
		}

		@Bean
		@ConditionalOnMissingBean(SQLExceptionTranslator.class)
		SqliteExceptionTranslator dormSqlExceptionTranslator() {
			return new SqliteExceptionTranslator();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.data.jdbc.core.dialect.JdbcDialect")
	static class DataJdbcConfiguration {

		@Bean
		@ConditionalOnMissingBean(type = "org.springframework.data.jdbc.core.dialect.JdbcDialect")
		SqliteDialect jdbcDialect() {
			return SqliteDialect.INSTANCE;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.SERVLET)
	@ConditionalOnClass(name = "org.springframework.web.filter.OncePerRequestFilter")
	@ConditionalOnBooleanProperty(name = "dorm.tenant.enabled", matchIfMissing = true)
	static class WebConfiguration {

		@Bean
		@ConditionalOnMissingBean
		TenantRequestResolver tenantRequestResolver(DormProperties properties, DormClient dormClient,
				ObjectProvider<TenantResolver> resolvers) {
			List<TenantResolver> all = new ArrayList<>(builtInResolvers(properties.getTenant()));
			resolvers.orderedStream().forEach(all::add);
			return new TenantRequestResolver(all, dormClient, properties.getTenant().getKinds());
		}

		private static List<TenantResolver> builtInResolvers(DormProperties.Tenant tenant) {
			List<TenantResolver> resolvers = new ArrayList<>();
			for (DormProperties.TenantSource source : tenant.getSources()) {
				TenantResolver resolver = builtInResolver(source, tenant);
				if (resolver != null) {
					resolvers.add(resolver);
				}
			}
			return resolvers;
		}

		private static @Nullable TenantResolver builtInResolver(DormProperties.TenantSource source,
				DormProperties.Tenant tenant) {
			return switch (source) {
				case HEADER ->
					StringUtils.hasText(tenant.getHeader()) ? new HeaderTenantResolver(tenant.getHeader()) : null;
				case PATH -> StringUtils.hasText(tenant.getPathPattern())
						? new PathPatternTenantResolver(tenant.getPathPattern(), tenant.getPathVariable()) : null;
				case SUBDOMAIN -> StringUtils.hasText(tenant.getBaseDomain())
						? new SubdomainTenantResolver(tenant.getBaseDomain()) : null;
				case PRINCIPAL -> (StringUtils.hasText(tenant.getPrincipalClaim()) && isSecurityPresent())
						? new PrincipalClaimTenantResolver(tenant.getPrincipalClaim()) : null;
			};
		}

		private static boolean isSecurityPresent() {
			return ClassUtils.isPresent("org.springframework.security.core.context.SecurityContextHolder",
					DormTenantAutoConfiguration.class.getClassLoader());
		}

		@Bean
		@ConditionalOnMissingBean
		CurrentRequestTenant currentRequestTenant(TenantRequestResolver tenantRequestResolver) {
			return new CurrentRequestTenant(tenantRequestResolver);
		}

		@Bean
		@ConditionalOnMissingBean(name = "tenantFilter")
		FilterRegistrationBean<TenantFilter> tenantFilter(TenantRequestResolver tenantRequestResolver,
				DormProperties properties) {
			TenantFilter filter = new TenantFilter(tenantRequestResolver, properties.getTenant().getRequiredPaths());
			FilterRegistrationBean<TenantFilter> registration = new FilterRegistrationBean<>(filter);
			registration.setOrder(FILTER_ORDER);
			return registration;
		}

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnBooleanProperty(name = "dorm.web.exception-handler", matchIfMissing = true)
		DormExceptionHandler dormExceptionHandler() {
			return new DormExceptionHandler();
		}

	}

}
