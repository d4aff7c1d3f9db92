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
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

import javax.sql.DataSource;

import dev.dorm.DatabaseName;
import dev.dorm.DormCursor;
import dev.dorm.DormDatabase;
import dev.dorm.DormException;
import dev.dorm.DormResult;
import dev.dorm.DormSqlException;
import dev.dorm.DormTransactionCallback;
import dev.dorm.StatementTimeoutException;
import dev.dorm.jdbc.SqliteExceptionTranslator;
import dev.dorm.registry.SqlClassifier.StatementKind;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.log.LogMessage;
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

	private final TenantDatabaseRegistry registry;

	private final SqlClassifier classifier;

	private final DatabaseName name;

	private final @Nullable Duration queryTimeout;

	private final boolean withoutMirror;

	private volatile @Nullable DataSource dataSource;

	private volatile @Nullable JdbcTemplate jdbcTemplate;

	RegistryDormDatabase(TenantDatabaseRegistry registry, SqlClassifier classifier, DatabaseName name) {
		this(registry, classifier, name, null, false);
	}

	private RegistryDormDatabase(TenantDatabaseRegistry registry, SqlClassifier classifier, DatabaseName name,
			@Nullable Duration queryTimeout, boolean withoutMirror) {
		this.registry = registry;
		this.classifier = classifier;
		this.name = name;
		this.queryTimeout = queryTimeout;
		this.withoutMirror = withoutMirror;
	}

	@Override
	public DatabaseName name() {
		return this.name;
	}

	@Override
	public DormResult exec(String sql, @Nullable Object... params) {
		Assert.notNull(sql, "'sql' must not be null");
		@Nullable Object[] values = (params != null) ? params : new Object[] { null };
		StatementKind kind = this.classifier.classify(sql);
		boolean suppressed = this.withoutMirror && MirrorSuppression.begin();
		OpenDatabase database = this.registry.acquire(this.name);
		try {
			ConnectionPool pool = database.pool();
			Connection connection = (kind == StatementKind.READ) ? pool.acquireForRead() : pool.acquireWriter();
			try {
				if (kind == StatementKind.SCHEMA_CHANGE) {
					return executeSchemaChange(pool, connection, sql, values);
				}
				return StatementExecutor.execute(connection, pool.statementsOf(connection), pool.isWriter(connection),
						sql, values, timeoutNanos());
			}
			finally {
				pool.release(connection);
			}
		}
		catch (SQLException ex) {
			throw translate(sql, ex);
		}
		finally {
			database.release();
			MirrorSuppression.end(suppressed);
		}
	}

	private DormResult executeSchemaChange(ConnectionPool pool, Connection writer, String sql,
			@Nullable Object[] values) throws SQLException {
		this.registry.beforeSchemaChange(this.name, writer);
		try {
			return StatementExecutor.execute(writer, pool.statementsOf(writer), true, sql, values, timeoutNanos());
		}
		finally {
			this.registry.afterSchemaChange(this.name, writer);
		}
	}

	private long timeoutNanos() {
		return (this.queryTimeout != null) ? this.queryTimeout.toNanos() : 0;
	}

	private DormException translate(String sql, SQLException ex) {
		if (this.queryTimeout != null && StatementDeadline.isInterrupt(ex)) {
			return new StatementTimeoutException(this.name.toString(), sql, this.queryTimeout, ex);
		}
		return new DormSqlException(this.name.toString(), sql, ex);
	}

	@Override
	public <T> DormCursor<T> stream(String sql, RowMapper<T> rowMapper, @Nullable Object... params) {
		Assert.notNull(sql, "'sql' must not be null");
		Assert.notNull(rowMapper, "'rowMapper' must not be null");
		@Nullable Object[] values = (params != null) ? params : new Object[] { null };
		SqlClassifier.single(sql);
		OpenDatabase database = this.registry.acquire(this.name);
		try {
			return ResultSetCursor.open(database, database.pool(), sql, values, rowMapper, this.queryTimeout);
		}
		catch (RuntimeException ex) {
			database.release();
			throw ex;
		}
	}

	@Override
	public DormCursor<Map<String, @Nullable Object>> stream(String sql, @Nullable Object... params) {
		return stream(sql, new ColumnMapRowMapper(), params);
	}

	@Override
	public <T> T transaction(DormTransactionCallback<T> callback) {
		Assert.notNull(callback, "'callback' must not be null");
		boolean suppressed = this.withoutMirror && MirrorSuppression.begin();
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
			MirrorSuppression.end(suppressed);
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
	public DormDatabase withQueryTimeout(Duration timeout) {
		Assert.notNull(timeout, "'timeout' must not be null");
		Assert.isTrue(!timeout.isNegative() && !timeout.isZero(),
				() -> "'timeout' must be positive, but is " + timeout);
		return new RegistryDormDatabase(this.registry, this.classifier, this.name, timeout, this.withoutMirror);
	}

	@Override
	public DormDatabase withoutMirror() {
		if (this.withoutMirror) {
			return this;
		}
		return new RegistryDormDatabase(this.registry, this.classifier, this.name, this.queryTimeout, true);
	}

	@Override
	public JdbcTemplate jdbc() {
		JdbcTemplate template = this.jdbcTemplate;
		if (template == null) {
			template = new JdbcTemplate(dataSource());
			template.setExceptionTranslator(new SqliteExceptionTranslator());
			this.jdbcTemplate = template;
		}
		return template;
	}

	@Override
	public DataSource dataSource() {
		DataSource source = this.dataSource;
		if (source == null) {
			source = DatabaseDataSource.create(this.registry, this.name, this.withoutMirror);
			this.dataSource = source;
		}
		return source;
	}

	@Override
	public String toString() {
		return "DormDatabase[" + this.name + "]";
	}

	/**
	 * Maps each row of one cursor to a map in column order, with integers as
	 * {@code Long}; reads the column labels once, from the first row.
	 */
	private static final class ColumnMapRowMapper implements RowMapper<Map<String, @Nullable Object>> {

		private @Nullable String @Nullable [] labels;

		@Override
		public Map<String, @Nullable Object> mapRow(ResultSet resultSet, int rowNumber) throws SQLException {
			@Nullable String[] names = this.labels;
			if (names == null) {
				ResultSetMetaData metaData = resultSet.getMetaData();
				names = new String[metaData.getColumnCount()];
				for (int i = 0; i < names.length; i++) {
					names[i] = metaData.getColumnLabel(i + 1);
				}
				this.labels = names;
			}
			@Nullable Object[] values = StatementExecutor.readRow(resultSet, names.length);
			Map<String, @Nullable Object> row = new LinkedHashMap<>(names.length * 2);
			for (int i = 0; i < names.length; i++) {
				row.put(names[i], values[i]);
			}
			return row;
		}

	}

}
