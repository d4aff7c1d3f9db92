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

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import dev.dorm.DormCursor;
import dev.dorm.DormDatabase;
import dev.dorm.DormResult;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.RowMapper;

/**
 * Runs the statements of a request with a limit on the number of rows returned.
 * <p>
 * A query that only reads runs outside a transaction, through a cursor on a reader
 * connection. Every other statement runs in a write transaction, so that a request that
 * fails, for example because its result is over the row limit, changes nothing. Rows are
 * read through a cursor and the read stops one row past the limit, so at most the limit
 * of rows is in memory. The exceptions are statements without {@code RETURNING} that are
 * not queries, such as pragmas, whose few rows come back complete from
 * {@link DormDatabase#exec}.
 */
final class SqlExecution {

	/**
	 * Maps a row to its values in column order: {@code Long}, {@code Double},
	 * {@code String}, {@code byte[]} or {@code null}, as SQLite stores them.
	 */
	static final RowMapper<@Nullable Object[]> ROW_MAPPER = SqlExecution::mapRow;

	/**
	 * Temporary objects other than dorm-spring's own, such as the mirror's capture
	 * triggers.
	 */
	private static final String HAS_SEQUENCE = "SELECT 1 FROM main.sqlite_schema WHERE name = 'sqlite_sequence'";

	private static final String OUTBOX_SEQUENCE = "SELECT seq FROM main.sqlite_sequence WHERE name = '_dorm_outbox'";

	private static final String TEMPORARY_OBJECTS = "SELECT type, name FROM temp.sqlite_schema"
			+ " WHERE name NOT LIKE '\\_dorm\\_%' ESCAPE '\\' LIMIT 1";

	// NOTE: The limit counts rows, not bytes: up to max-rows rows of large BLOBs or
	// strings are held in memory before they are written.
	private final String streamPath;

	private final int maxRows;

	/**
	 * Create an instance.
	 * @param maxRows the maximum number of rows of one request
	 * @param streamPath the path that streams a query, for the message of a result over
	 * the limit
	 */
	SqlExecution(int maxRows, String streamPath) {
		this.maxRows = maxRows;
		this.streamPath = streamPath;
	}

	/**
	 * Run one statement.
	 * @param database the database, with the statement timeout applied
	 * @param call the statement
	 * @return its result
	 */
	StatementResult runSingle(DormDatabase database, SqlRequest.Call call) {
		RowBudget budget = new RowBudget();
		if (call.statement().isReadOnly()) {
			return query(database, call, budget);
		}
		return database.transaction((transaction) -> runWrite(transaction, call, budget));
	}

	/**
	 * Run statements in one write transaction, which is rolled back if one of them fails.
	 * @param database the database, with the statement timeout applied
	 * @param calls the statements in order
	 * @return their results in order
	 * @throws StatementFailedException if a statement fails, with its position
	 */
	List<StatementResult> runTransaction(DormDatabase database, List<SqlRequest.Call> calls) {
		RowBudget budget = new RowBudget();
		return database.transaction((transaction) -> {
			List<StatementResult> results = new ArrayList<>(calls.size());
			for (int i = 0; i < calls.size(); i++) {
				SqlRequest.Call call = calls.get(i);
				try {
					results.add(call.statement().isReadOnly() ? query(transaction, call, budget)
							: runWrite(transaction, call, budget));
				}
				catch (RuntimeException ex) {
					throw new StatementFailedException(i, calls.size(), ex);
				}
			}
			return results;
		});
	}

	/**
	 * Open a cursor over a query that only reads, for a stream.
	 * @param database the database, with the statement timeout applied
	 * @param call the query
	 * @return an open cursor, to be closed by the caller
	 * @throws SqlEndpointException with status 400 if the statement may write
	 */
	static DormCursor<@Nullable Object[]> openStream(DormDatabase database, SqlRequest.Call call) {
		if (!call.statement().isReadOnly()) {
			throw SqlEndpointException.badRequest("A stream runs only queries that read (SELECT, VALUES, WITH ..."
					+ " SELECT or EXPLAIN), but " + call.location() + " starts with "
					+ (call.statement().keyword().isEmpty() ? "another token" : call.statement().keyword())
					+ "; send it to /query/raw");
		}
		return database.stream(call.sql(), ROW_MAPPER, call.params());
	}

	private StatementResult query(DormDatabase database, SqlRequest.Call call, RowBudget budget) {
		try (DormCursor<@Nullable Object[]> cursor = database.stream(call.sql(), ROW_MAPPER, call.params())) {
			List<@Nullable Object[]> rows = readRows(cursor, budget);
			return new StatementResult(cursor.columns(), rows, 0);
		}
	}

	private StatementResult runWrite(DormDatabase transaction, SqlRequest.Call call, RowBudget budget) {
		StatementResult result = execute(transaction, call, budget);
		rejectTemporaryObjects(transaction, call);
		return result;
	}

	/**
	 * Fail the request if the statement created a temporary table, view, index or
	 * trigger, with {@code CREATE} or otherwise, as {@code ANALYZE temp} does. All
	 * callers of a database share its writer connection, and temporary objects live as
	 * long as that connection. A temporary table would hide the table of the same name
	 * from later requests and from the application's own writes. The exception rolls the
	 * transaction back, which removes the object.
	 */
	private static void rejectTemporaryObjects(DormDatabase transaction, SqlRequest.Call call) {
		List<List<@Nullable Object>> created = transaction.exec(TEMPORARY_OBJECTS).rows();
		if (!created.isEmpty()) {
			throw SqlEndpointException.badRequest("A temporary " + created.get(0).get(0) + " is not allowed through"
					+ " the SQL endpoint (in " + call.location() + "): it would outlive the request on the"
					+ " connection that every caller of the database shares; create a table of the database instead");
		}
	}

	private StatementResult execute(DormDatabase transaction, SqlRequest.Call call, RowBudget budget) {
		if (!call.statement().words().contains("RETURNING")) {
			DormResult result = transaction.exec(call.sql(), call.params());
			budget.take(result.rows().size());
			List<@Nullable Object[]> rows = new ArrayList<>(result.rows().size());
			for (List<@Nullable Object> row : result.rows()) {
				rows.add(row.toArray());
			}
			return new StatementResult(result.columns(), rows, result.rowsWritten());
		}
		long changesBefore = totalChanges(transaction);
		long outboxBefore = outboxSequence(transaction);
		try (DormCursor<@Nullable Object[]> cursor = transaction.stream(call.sql(), ROW_MAPPER, call.params())) {
			List<@Nullable Object[]> rows = readRows(cursor, budget);
			long outboxRows = outboxSequence(transaction) - outboxBefore;
			return new StatementResult(cursor.columns(), rows, totalChanges(transaction) - changesBefore - outboxRows);
		}
	}

	private List<@Nullable Object[]> readRows(DormCursor<@Nullable Object[]> cursor, RowBudget budget) {
		List<@Nullable Object[]> rows = new ArrayList<>();
		while (cursor.hasNext()) {
			budget.take(1);
			rows.add(cursor.next());
		}
		return rows;
	}

	/**
	 * Return SQLite's count of the rows changed on the connection so far, which includes
	 * the changes of triggers and foreign key actions.
	 */
	private static long totalChanges(DormDatabase transaction) {
		Object value = transaction.exec("SELECT total_changes()").rows().get(0).get(0);
		return ((Number) value).longValue();
	}

	/**
	 * Return the last key of mirroring's outbox table, which grows by one for each record
	 * that the capture triggers write because the key is {@code AUTOINCREMENT}, or 0 in a
	 * database that has no outbox.
	 */
	private static long outboxSequence(DormDatabase transaction) {
		if (transaction.exec(HAS_SEQUENCE).rows().isEmpty()) {
			return 0;
		}
		List<List<@Nullable Object>> rows = transaction.exec(OUTBOX_SEQUENCE).rows();
		return rows.isEmpty() ? 0 : ((Number) rows.get(0).get(0)).longValue();
	}

	private static @Nullable Object[] mapRow(ResultSet resultSet, int rowNumber) throws SQLException {
		int count = resultSet.getMetaData().getColumnCount();
		@Nullable Object[] row = new Object[count];
		for (int i = 0; i < count; i++) {
			Object value = resultSet.getObject(i + 1);
			row[i] = (value instanceof Integer number) ? Long.valueOf(number.longValue()) : value;
		}
		return row;
	}

	/**
	 * The rows that a request may still return.
	 */
	private final class RowBudget {

		private long remaining = SqlExecution.this.maxRows;

		void take(long rows) {
			this.remaining -= rows;
			if (this.remaining < 0) {
				throw SqlEndpointException.badRequest("The result has more than " + SqlExecution.this.maxRows
						+ " rows, the limit of 'dorm.sql-endpoint.max-rows'; add a LIMIT clause, or read the rows"
						+ " with POST " + SqlExecution.this.streamPath + ", which streams them");
			}
		}

	}

	/**
	 * The result of one statement.
	 *
	 * @param columns the column names in order, duplicates kept
	 * @param rows the rows, each with one value per column
	 * @param rowsWritten the number of rows the statement inserted, updated or deleted
	 */
	record StatementResult(List<String> columns, List<@Nullable Object[]> rows, long rowsWritten) {

	}

	/**
	 * A failure of one statement of a transaction, which was rolled back.
	 */
	static final class StatementFailedException extends RuntimeException {

		private final int index;

		private final int count;

		private final RuntimeException failure;

		StatementFailedException(int index, int count, RuntimeException failure) {
			super("Statement " + index + " of the transaction failed", failure);
			this.index = index;
			this.count = count;
			this.failure = failure;
		}

		/**
		 * Return the position of the failed statement in the transaction, from 0.
		 */
		int getIndex() {
			return this.index;
		}

		/**
		 * Return the number of statements in the transaction.
		 */
		int getCount() {
			return this.count;
		}

		/**
		 * Return the exception that the statement failed with.
		 */
		RuntimeException getFailure() {
			return this.failure;
		}

	}

}
