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

package dev.dorm.mirror;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Predicate;

import javax.sql.DataSource;

import dev.dorm.DatabaseName;
import dev.dorm.DormClient;
import dev.dorm.TenantContext;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * A {@link JdbcTemplate} on the database of the current tenant whose writes are copied to
 * the mirror of the tenant's kind. It fails when the current tenant's kind has no mirror,
 * so code that relies on mirroring cannot write around it unnoticed.
 * <p>
 * Mirroring itself does not depend on this class: every write to a mirrored database
 * through dorm-spring is recorded, except those made through
 * {@link dev.dorm.DormDatabase#withoutMirror()}.
 *
 * @since 0.1.0
 */
public class MirroringJdbcTemplate extends JdbcTemplate {

	/**
	 * Create a template.
	 * @param tenantDataSource the data source of the current tenant, such as the
	 * tenant-routed data source
	 * @param client parses the current tenant's database name
	 * @param mirroredKinds returns whether a kind is mirrored
	 */
	public MirroringJdbcTemplate(DataSource tenantDataSource, DormClient client, Predicate<String> mirroredKinds) {
		super(new MirroredOnlyDataSource(tenantDataSource, client, mirroredKinds));
	}

	/**
	 * Hands out connections only for tenants of mirrored kinds.
	 */
	private static final class MirroredOnlyDataSource extends DelegatingDataSource {

		private final DormClient client;

		private final Predicate<String> mirroredKinds;

		MirroredOnlyDataSource(DataSource target, DormClient client, Predicate<String> mirroredKinds) {
			super(target);
			this.client = client;
			this.mirroredKinds = mirroredKinds;
		}

		@Override
		public Connection getConnection() throws SQLException {
			DatabaseName name = this.client.parseName(TenantContext.requireTenant());
			if (!this.mirroredKinds.test(name.kind())) {
				throw new IllegalStateException("Database '" + name + "' is of kind '" + name.kind()
						+ "', which has no mirror; set 'dorm.kinds." + name.kind()
						+ ".mirror.enabled=true' or use a plain JdbcTemplate");
			}
			return super.getConnection();
		}

	}

}
