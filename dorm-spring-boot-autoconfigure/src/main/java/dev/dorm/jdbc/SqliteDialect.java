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

import org.springframework.data.jdbc.core.dialect.JdbcDialect;
import org.springframework.data.relational.core.dialect.AbstractDialect;
import org.springframework.data.relational.core.dialect.LimitClause;
import org.springframework.data.relational.core.dialect.LockClause;
import org.springframework.data.relational.core.sql.IdentifierProcessing;
import org.springframework.data.relational.core.sql.IdentifierProcessing.LetterCasing;
import org.springframework.data.relational.core.sql.IdentifierProcessing.Quoting;
import org.springframework.data.relational.core.sql.LockOptions;

/**
 * Spring Data JDBC dialect for SQLite. Spring Data JDBC ships none, and its dialect
 * detection opens a connection at startup, which the tenant-routed data source cannot
 * give before a tenant is bound; declaring this dialect as a bean avoids both.
 * <p>
 * SQLite writes limits as {@code LIMIT n OFFSET m} and has no row locks: a write
 * transaction locks the whole database, so lock clauses are left out.
 *
 * @since 0.1.0
 */
public class SqliteDialect extends AbstractDialect implements JdbcDialect {

	/**
	 * Shared instance.
	 */
	public static final SqliteDialect INSTANCE = new SqliteDialect();

	private static final IdentifierProcessing identifierProcessing = IdentifierProcessing.create(Quoting.ANSI,
			LetterCasing.AS_IS);

	private static final LimitClause limitClause = new LimitClause() {

		@Override
		public String getLimit(long limit) {
			return "LIMIT " + limit;
		}

		@Override
		public String getOffset(long offset) {
			return "LIMIT -1 OFFSET " + offset;
		}

		@Override
		public String getLimitOffset(long limit, long offset) {
			return "LIMIT " + limit + " OFFSET " + offset;
		}

		@Override
		public Position getClausePosition() {
			return Position.AFTER_ORDER_BY;
		}

	};

	private static final LockClause lockClause = new LockClause() {

		@Override
		public String getLock(LockOptions lockOptions) {
			return "";
		}

		@Override
		public Position getClausePosition() {
			return Position.AFTER_ORDER_BY;
		}

	};

	@Override
	public LimitClause limit() {
		return limitClause;
	}

	@Override
	public LockClause lock() {
		return lockClause;
	}

	@Override
	public IdentifierProcessing getIdentifierProcessing() {
		return identifierProcessing;
	}

}
