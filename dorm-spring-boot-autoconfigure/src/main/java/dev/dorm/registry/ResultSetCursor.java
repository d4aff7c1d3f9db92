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

import java.lang.ref.Cleaner;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import dev.dorm.DormCursor;
import dev.dorm.DormException;
import dev.dorm.DormSqlException;
import dev.dorm.StatementTimeoutException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.log.LogMessage;
import org.springframework.jdbc.core.RowMapper;

/**
 * A {@link DormCursor} over an open {@link ResultSet}. It releases its statement,
 * connection and database when the last row is read, when it is closed, or, if the caller
 * forgot both, when it is garbage collected.
 *
 * @param <T> the type of the mapped rows
 */
final class ResultSetCursor<T> implements DormCursor<T> {

	private static final Log logger = LogFactory.getLog(ResultSetCursor.class);

	private static final Cleaner cleaner = Cleaner.create();

	private final String databaseName;

	private final String sql;

	private final ResultSet resultSet;

	private final RowMapper<T> rowMapper;

	private final List<String> columns;

	private final Resources resources;

	private final Cleaner.Cleanable cleanable;

	private final @Nullable Duration timeout;

	private boolean fetched;

	private boolean hasRow;

	private long rowsRead;

	private ResultSetCursor(String databaseName, String sql, ResultSet resultSet, RowMapper<T> rowMapper,
			List<String> columns, Resources resources, @Nullable Duration timeout) {
		this.timeout = timeout;
		this.databaseName = databaseName;
		this.sql = sql;
		this.resultSet = resultSet;
		this.rowMapper = rowMapper;
		this.columns = columns;
		this.resources = resources;
		this.cleanable = cleaner.register(this, resources);
	}

	/**
	 * Run a query and return a cursor over its rows. The cursor takes over the retained
	 * database and the connection: both are released when it closes, or now if the query
	 * fails.
	 * @param <T> the type of the mapped rows
	 * @param database the retained database
	 * @param pool its connections
	 * @param sql the query
	 * @param params its parameters
	 * @param rowMapper maps each row
	 * @param timeout the longest time SQLite may take to produce a row, or {@code null}
	 * for no limit
	 * @return an open cursor
	 */
	static <T> ResultSetCursor<T> open(OpenDatabase database, ConnectionPool pool, String sql,
			@Nullable Object[] params, RowMapper<T> rowMapper, @Nullable Duration timeout) {
		boolean sharesWriter = pool.isWriterHeldByCurrentThread();
		Connection connection = pool.acquireReader();
		if (sharesWriter) {
			pool.release(connection);
		}
		Resources resources = new Resources(database, pool, connection, !sharesWriter);
		try {
			if (timeout != null) {
				resources.deadline = StatementDeadline.install(connection, timeout.toNanos());
			}
			resources.statement = StatementExecutor.prepare(connection, sql, params);
			resources.resultSet = resources.statement.executeQuery();
			List<String> columns = StatementExecutor.columnNames(resources.resultSet.getMetaData());
			ResultSetCursor<T> cursor = new ResultSetCursor<>(database.name().toString(), sql, resources.resultSet,
					rowMapper, columns, resources, timeout);
			if (sharesWriter) {
				pool.closeWithWriter(cursor);
			}
			return cursor;
		}
		catch (SQLException ex) {
			resources.run();
			throw translate(database.name().toString(), sql, timeout, ex);
		}
		catch (RuntimeException ex) {
			resources.run();
			throw ex;
		}
	}

	@Override
	public List<String> columns() {
		return this.columns;
	}

	@Override
	public long rowsRead() {
		return this.rowsRead;
	}

	@Override
	public boolean hasNext() {
		if (isClosed()) {
			return false;
		}
		if (!this.fetched) {
			this.hasRow = advance();
			this.fetched = true;
			if (!this.hasRow) {
				close();
			}
		}
		return this.hasRow;
	}

	private boolean advance() {
		try {
			if (this.resources.deadline != null) {
				this.resources.deadline.restart();
			}
			return this.resultSet.next();
		}
		catch (SQLException ex) {
			close();
			throw translate(this.databaseName, this.sql, this.timeout, ex);
		}
	}

	private static DormException translate(String databaseName, String sql, @Nullable Duration timeout,
			SQLException ex) {
		if (timeout != null && StatementDeadline.isInterrupt(ex)) {
			return new StatementTimeoutException(databaseName, sql, timeout, ex);
		}
		return new DormSqlException(databaseName, sql, ex);
	}

	@Override
	public T next() {
		if (!hasNext()) {
			throw new NoSuchElementException("The cursor has no more rows");
		}
		this.fetched = false;
		try {
			return this.rowMapper.mapRow(this.resultSet, (int) this.rowsRead++);
		}
		catch (SQLException ex) {
			close();
			throw new DormSqlException(this.databaseName, this.sql, ex);
		}
	}

	@Override
	public Stream<T> stream() {
		Spliterator<T> spliterator = Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED);
		return StreamSupport.stream(spliterator, false).onClose(this::close);
	}

	@Override
	public boolean isClosed() {
		return this.resources.released.get();
	}

	@Override
	public void close() {
		this.cleanable.clean();
	}

	/**
	 * What a cursor holds, released once, by the cursor or by the cleaner. It must not
	 * refer to the cursor, or the cursor could never be collected.
	 */
	private static final class Resources implements Runnable {

		private final OpenDatabase database;

		private final ConnectionPool pool;

		private final Connection connection;

		private final boolean ownsConnection;

		private final AtomicBoolean released = new AtomicBoolean();

		private @Nullable PreparedStatement statement;

		private @Nullable ResultSet resultSet;

		private @Nullable StatementDeadline deadline;

		Resources(OpenDatabase database, ConnectionPool pool, Connection connection, boolean ownsConnection) {
			this.database = database;
			this.pool = pool;
			this.connection = connection;
			this.ownsConnection = ownsConnection;
		}

		@Override
		public void run() {
			if (!this.released.compareAndSet(false, true)) {
				return;
			}
			try {
				closeStatement();
				removeDeadline();
				if (this.ownsConnection) {
					this.pool.release(this.connection);
				}
			}
			finally {
				this.database.release();
			}
		}

		private void removeDeadline() {
			if (this.deadline != null) {
				try {
					StatementDeadline.uninstall(this.connection);
				}
				catch (SQLException ex) {
					logger.debug(LogMessage.format("Failed to remove the query timeout of database '%s'",
							this.database.name()), ex);
				}
			}
		}

		private void closeStatement() {
			try {
				if (this.resultSet != null) {
					this.resultSet.close();
				}
				if (this.statement != null) {
					this.statement.close();
				}
			}
			catch (SQLException ex) {
				logger.debug(LogMessage.format("Failed to close a cursor of database '%s'", this.database.name()), ex);
			}
		}

	}

}
