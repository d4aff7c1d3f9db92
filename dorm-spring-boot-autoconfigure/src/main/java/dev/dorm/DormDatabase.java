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

package dev.dorm;

import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/**
 * One tenant database. The file is created and migrated on first use and opened again
 * after it was closed for being idle, so a {@code DormDatabase} can be kept and used at
 * any time from any thread.
 * <p>
 * Statements take their parameters by position ({@code ?}). Each call runs one statement:
 * a string with two statements is rejected rather than partly run. Statements that only
 * read use one of the database's reader connections when its writer is busy; all other
 * statements queue for its single writer connection.
 *
 * @since 0.1.0
 * @see DormClient#database(String)
 */
public interface DormDatabase {

	/**
	 * Return the name of this database.
	 * @return the name
	 */
	DatabaseName name();

	/**
	 * Run one statement and return its complete result.
	 * @param sql the statement
	 * @param params the values of its {@code ?} parameters in order
	 * @return the columns, rows and counts of the statement
	 * @throws DormSqlException if SQLite rejects the statement
	 * @throws MigrationFailedException if the database could not be migrated
	 */
	DormResult exec(String sql, @Nullable Object... params);

	/**
	 * Run one query and return a cursor that reads its rows lazily.
	 * @param <T> the type of the mapped rows
	 * @param sql the query
	 * @param rowMapper maps each row
	 * @param params the values of its {@code ?} parameters in order
	 * @return an open cursor, to be closed by the caller
	 * @throws DormSqlException if SQLite rejects the query
	 */
	<T> DormCursor<T> stream(String sql, RowMapper<T> rowMapper, @Nullable Object... params);

	/**
	 * Run one query and return a cursor that reads its rows lazily, each as a map from
	 * column name to value.
	 * @param sql the query
	 * @param params the values of its {@code ?} parameters in order
	 * @return an open cursor, to be closed by the caller
	 * @throws DormSqlException if SQLite rejects the query
	 */
	DormCursor<Map<String, @Nullable Object>> stream(String sql, @Nullable Object... params);

	/**
	 * Run work in one write transaction ({@code BEGIN IMMEDIATE}), committing if it
	 * returns and rolling back if it throws. Calls to this database on the same thread
	 * inside the callback take part in the transaction. A call made inside a transaction
	 * that is already open on this thread joins it.
	 * @param <T> the type of the result
	 * @param callback the work
	 * @return the result of the callback
	 */
	<T> T transaction(DormTransactionCallback<T> callback);

	/**
	 * Run work in one write transaction, as {@link #transaction(DormTransactionCallback)}
	 * does, for work without a result.
	 * @param action the work
	 */
	void transactionWithoutResult(Consumer<DormDatabase> action);

	/**
	 * Return a view of this database whose {@code exec} and {@code stream} calls stop a
	 * statement that runs longer than the given time, with a
	 * {@link StatementTimeoutException}. For a cursor the time counts while SQLite
	 * produces a row, not while the caller processes it. Calls through {@link #jdbc()}
	 * and {@link #dataSource()} are not limited.
	 * @param timeout the longest time a statement may run
	 * @return a view of this database with the timeout
	 */
	DormDatabase withQueryTimeout(Duration timeout);

	/**
	 * Return a view of this database whose writes are not copied to the mirror of its
	 * kind. Writes through its {@code exec}, {@code transaction}, {@link #jdbc()} and
	 * {@link #dataSource()} are left out; for a kind without a mirror the view behaves
	 * like this database.
	 * @return a view of this database that skips mirroring
	 */
	DormDatabase withoutMirror();

	/**
	 * Return a {@link JdbcTemplate} bound to this database.
	 * @return a template on {@link #dataSource()}
	 */
	JdbcTemplate jdbc();

	/**
	 * Return a {@link DataSource} for this database, for use with Spring's JDBC support
	 * and transaction management. Connections come from the database's writer, or from a
	 * reader for transactions marked read-only.
	 * @return a data source for this database
	 */
	DataSource dataSource();

}
