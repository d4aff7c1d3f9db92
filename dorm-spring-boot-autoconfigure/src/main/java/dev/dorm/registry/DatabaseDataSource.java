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

package dev.dorm.registry;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import dev.dorm.DatabaseName;

import org.springframework.jdbc.datasource.AbstractDataSource;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;

/**
 * A {@link DataSource} of one database that hands out its writer connection, or its
 * reader connections in read-only mode. Use {@link #create} to get both behind a
 * {@link LazyConnectionDataSourceProxy}, which picks a reader for transactions marked
 * read-only.
 */
final class DatabaseDataSource extends AbstractDataSource {

	private final TenantDatabaseRegistry registry;

	private final DatabaseName name;

	private final boolean readOnly;

	private final boolean withoutMirror;

	private DatabaseDataSource(TenantDatabaseRegistry registry, DatabaseName name, boolean readOnly,
			boolean withoutMirror) {
		this.registry = registry;
		this.name = name;
		this.readOnly = readOnly;
		this.withoutMirror = withoutMirror;
	}

	/**
	 * Create the data source of one database.
	 * @param registry the registry
	 * @param name the database
	 * @param withoutMirror whether writes through its connections are excluded from
	 * mirroring
	 * @return a data source that takes the writer, or a reader for read-only
	 * transactions, when a statement first needs a connection
	 */
	static DataSource create(TenantDatabaseRegistry registry, DatabaseName name, boolean withoutMirror) {
		LazyConnectionDataSourceProxy proxy = new LazyConnectionDataSourceProxy(
				new DatabaseDataSource(registry, name, false, withoutMirror));
		proxy.setReadOnlyDataSource(new DatabaseDataSource(registry, name, true, withoutMirror));
		proxy.setDefaultAutoCommit(true);
		proxy.setDefaultTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
		return proxy;
	}

	@Override
	public Connection getConnection() throws SQLException {
		OpenDatabase database = this.registry.acquire(this.name);
		boolean suppressed = this.withoutMirror && MirrorSuppression.begin();
		try {
			ConnectionPool pool = database.pool();
			Connection connection = this.readOnly ? pool.acquireReader() : pool.acquireWriter();
			boolean reader = !pool.isWriter(connection);
			return LeasedConnection.wrap(connection, () -> {
				try {
					pool.release(connection);
				}
				finally {
					database.release();
					MirrorSuppression.end(suppressed);
				}
			}, reader);
		}
		catch (RuntimeException ex) {
			database.release();
			MirrorSuppression.end(suppressed);
			throw ex;
		}
	}

	@Override
	public Connection getConnection(String username, String password) throws SQLException {
		return getConnection();
	}

	@Override
	public String toString() {
		return "DatabaseDataSource[" + this.name + (this.readOnly ? ", read-only" : "") + "]";
	}

}
