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
import java.util.Map;
import java.util.function.Consumer;

import javax.sql.DataSource;

import dev.dorm.DatabaseName;
import dev.dorm.DormCursor;
import dev.dorm.DormDatabase;
import dev.dorm.DormResult;
import dev.dorm.DormSqlException;
import dev.dorm.DormTransactionCallback;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.log.LogMessage;
import org.springframework.jdbc.core.ColumnMapRowMapper;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.util.Assert;

/**
 * A {@link DormDatabase} backed by a {@link TenantDatabaseRegistry}. Every call retains
 * the database in the registry for its duration, so the database may be closed and opened
 * again between calls.
 */
final class RegistryDormDatabase implements DormDatabase {

	private static final Log logger = LogFactory.getLog(RegistryDormDatabase.class);

	private static final RowMapper<Map<String, @Nullable Object>> columnMapRowMapper = new ColumnMapRowMapper();

	private final TenantDatabaseRegistry registry;

	private final SqlClassifier classifier;

	private final DatabaseName name;

	private volatile @Nullable DataSource dataSource;

	private volatile @Nullable JdbcTemplate jdbcTemplate;

	RegistryDormDatabase(TenantDatabaseRegistry registry, SqlClassifier classifier, DatabaseName name) {
		this.registry = registry;
		this.classifier = classifier;
		this.name = name;
	}

	@Override
	public DatabaseName name() {
		return this.name;
	}

	@Override
	public DormResult exec(String sql, @Nullable Object... params) {
		Assert.notNull(sql, "'sql' must not be null");
		@Nullable Object[] values = (params != null) ? params : new Object[] { null };
		boolean readOnly = this.classifier.isReadOnly(sql);
		OpenDatabase database = this.registry.acquire(this.name);
		try {
			ConnectionPool pool = database.pool();
			Connection connection = readOnly ? pool.acquireForRead() : pool.acquireWriter();
			try {
				return StatementExecutor.execute(connection, pool.statementsOf(connection), pool.isWriter(connection),
						sql, values);
			}
			finally {
				pool.release(connection);
			}
		}
		catch (SQLException ex) {
			throw new DormSqlException(this.name.toString(), sql, ex);
		}
		finally {
			database.release();
		}
	}

	@Override
	public <T> DormCursor<T> stream(String sql, RowMapper<T> rowMapper, @Nullable Object... params) {
		Assert.notNull(sql, "'sql' must not be null");
		Assert.notNull(rowMapper, "'rowMapper' must not be null");
		@Nullable Object[] values = (params != null) ? params : new Object[] { null };
		SqlClassifier.single(sql);
		OpenDatabase database = this.registry.acquire(this.name);
		try {
			return ResultSetCursor.open(database, database.pool(), sql, values, rowMapper);
		}
		catch (RuntimeException ex) {
			database.release();
			throw ex;
		}
	}

	@Override
	public DormCursor<Map<String, @Nullable Object>> stream(String sql, @Nullable Object... params) {
		return stream(sql, columnMapRowMapper, params);
	}

	@Override
	public <T> T transaction(DormTransactionCallback<T> callback) {
		Assert.notNull(callback, "'callback' must not be null");
		OpenDatabase database = this.registry.acquire(this.name);
		try {
			ConnectionPool pool = database.pool();
			Connection writer = pool.acquireWriter();
			try {
				return inTransaction(writer, callback);
			}
			finally {
				pool.release(writer);
			}
		}
		finally {
			database.release();
		}
	}

	private <T> T inTransaction(Connection writer, DormTransactionCallback<T> callback) {
		boolean begun = false;
		try {
			if (writer.getAutoCommit()) {
				writer.setAutoCommit(false);
				begun = true;
			}
			T result = callback.doInTransaction(this);
			if (begun) {
				writer.commit();
				writer.setAutoCommit(true);
				begun = false;
			}
			return result;
		}
		catch (SQLException ex) {
			throw new DormSqlException(this.name.toString(), null, ex);
		}
		finally {
			if (begun) {
				rollback(writer);
			}
		}
	}

	private void rollback(Connection writer) {
		try {
			writer.rollback();
			writer.setAutoCommit(true);
		}
		catch (SQLException ex) {
			logger.warn(LogMessage.format("Failed to roll back a transaction on database '%s'", this.name), ex);
		}
	}

	@Override
	public void transactionWithoutResult(Consumer<DormDatabase> action) {
		Assert.notNull(action, "'action' must not be null");
		transaction((database) -> {
			action.accept(database);
			return null;
		});
	}

	@Override
	public JdbcTemplate jdbc() {
		JdbcTemplate template = this.jdbcTemplate;
		if (template == null) {
			template = new JdbcTemplate(dataSource());
			this.jdbcTemplate = template;
		}
		return template;
	}

	@Override
	public DataSource dataSource() {
		DataSource source = this.dataSource;
		if (source == null) {
			source = DatabaseDataSource.create(this.registry, this.name);
			this.dataSource = source;
		}
		return source;
	}

	@Override
	public String toString() {
		return "DormDatabase[" + this.name + "]";
	}

}
