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

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

import javax.sql.DataSource;

import dev.dorm.DormClient;
import dev.dorm.TenantContext;

import org.springframework.jdbc.datasource.lookup.AbstractRoutingDataSource;
import org.springframework.util.Assert;

/**
 * A {@link DataSource} that hands out connections to the database of the tenant bound to
 * the current thread, so that {@code JdbcTemplate}, {@code JdbcClient} and Spring Data
 * JDBC work per tenant unchanged. With no tenant bound it throws
 * {@link dev.dorm.NoTenantException}; it never falls back to another database.
 * <p>
 * Its connections remember their tenant: a statement created after the thread switched to
 * another tenant fails with {@link dev.dorm.TenantSwitchException}, and inside a
 * Spring-managed transaction the switch itself fails.
 * <p>
 * It extends {@link AbstractRoutingDataSource} so that tools that recognize routing data
 * sources, such as Spring Boot's health indicator, do not query it without a tenant; it
 * has no fixed target data sources.
 *
 * @since 0.1.0
 */
public class TenantRoutingDataSource extends AbstractRoutingDataSource {

	private final DormClient client;

	/**
	 * Create a data source that routes to the databases of the given client.
	 * @param client the client
	 */
	public TenantRoutingDataSource(DormClient client) {
		Assert.notNull(client, "'client' must not be null");
		this.client = client;
		setTargetDataSources(Map.of());
		setLenientFallback(false);
		afterPropertiesSet();
	}

	@Override
	protected Object determineCurrentLookupKey() {
		return TenantContext.requireTenant();
	}

	@Override
	protected DataSource determineTargetDataSource() {
		return this.client.database(TenantContext.requireTenant()).dataSource();
	}

	@Override
	public Connection getConnection() throws SQLException {
		String tenant = TenantContext.requireTenant();
		return TenantBoundConnection.wrap(this.client.database(tenant).dataSource().getConnection(), tenant);
	}

	@Override
	public Connection getConnection(String username, String password) throws SQLException {
		return getConnection();
	}

	@Override
	public String toString() {
		return "TenantRoutingDataSource";
	}

}
