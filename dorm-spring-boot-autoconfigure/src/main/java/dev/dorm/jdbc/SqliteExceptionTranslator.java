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

package dev.dorm.jdbc;

import java.sql.SQLException;

import org.jspecify.annotations.Nullable;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.support.AbstractFallbackSQLExceptionTranslator;
import org.springframework.jdbc.support.SQLExceptionSubclassTranslator;

/**
 * {@link org.springframework.jdbc.support.SQLExceptionTranslator} for SQLite, based on
 * the result codes of sqlite-jdbc's {@link SQLiteException}. Spring's default translators
 * have no error codes for SQLite, and sqlite-jdbc sets no SQL state, so without this
 * translator a constraint violation reaches the caller as an
 * {@code UncategorizedSQLException}.
 * <p>
 * A primary key or unique constraint violation becomes a {@link DuplicateKeyException},
 * any other constraint violation a {@link DataIntegrityViolationException},
 * {@code SQLITE_BUSY} and {@code SQLITE_LOCKED} a {@link CannotAcquireLockException},
 * {@code SQLITE_FULL} (a database at its size cap, or a full disk) a
 * {@link DataAccessResourceFailureException}, and {@code SQLITE_ERROR}, which SQLite
 * reports for syntax errors and unknown tables or columns, a
 * {@link BadSqlGrammarException}. Other exceptions go to a
 * {@link SQLExceptionSubclassTranslator}.
 *
 * @since 0.1.0
 */
public class SqliteExceptionTranslator extends AbstractFallbackSQLExceptionTranslator {

	/**
	 * Create a translator.
	 */
	public SqliteExceptionTranslator() {
		setFallbackTranslator(new SQLExceptionSubclassTranslator());
	}

	@Override
	protected @Nullable DataAccessException doTranslate(String task, @Nullable String sql, SQLException ex) {
		if (!(ex instanceof SQLiteException sqliteException)) {
			return null;
		}
		SQLiteErrorCode resultCode = sqliteException.getResultCode();
		String message = buildMessage(task, sql, ex);
		return switch (resultCode.code & 0xff) {
			case 19 -> isDuplicateKey(resultCode) ? new DuplicateKeyException(message, ex)
					: new DataIntegrityViolationException(message, ex);
			case 5, 6 -> new CannotAcquireLockException(message, ex);
			case 13 -> new DataAccessResourceFailureException(message, ex);
			case 1 -> new BadSqlGrammarException(task, (sql != null) ? sql : "", ex);
			default -> null;
		};
	}

	private static boolean isDuplicateKey(SQLiteErrorCode resultCode) {
		return resultCode == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY
				|| resultCode == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE;
	}

}
