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

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import dev.dorm.sql.SqlScript;
import dev.dorm.sql.SqlStatement;

/**
 * Rejects, before they run, the statements that could reach beyond the database named in
 * the request or weaken its settings.
 * <p>
 * dorm-spring's connections already allow no attached database and no extension loading.
 * On top of that, this policy rejects {@code ATTACH}, {@code DETACH}, {@code VACUUM}
 * (plain and {@code INTO}), any statement that mentions {@code load_extension}, the
 * transaction statements (the body's {@code transaction} array replaces them), and every
 * {@code PRAGMA} except reads of {@link #READABLE_PRAGMAS}. {@code EXPLAIN} of a rejected
 * statement is rejected too, because SQLite applies some pragmas while it prepares the
 * statement, even under {@code EXPLAIN}. Table-valued pragma functions such as
 * {@code pragma_table_info('t')} are allowed: SQLite offers them only for pragmas that
 * have no side effects.
 * <p>
 * A statement that may write and mentions {@code _dorm_} or {@code sqlite_sequence}
 * anywhere in its text is rejected as well. Tables, triggers and functions with that
 * prefix belong to dorm-spring, and {@code sqlite_sequence} contains the key counter of
 * the mirror's outbox: a trigger on the outbox, a write to it or to its counter would
 * drop, forge or block mirrored changes. Reads are allowed, and values that contain these
 * names can still be written as parameters.
 */
final class SqlStatementPolicy {

	/**
	 * Pragmas that may be read through the endpoint, in upper case. They only report
	 * facts about the database, its schema or the SQLite build.
	 */
	static final Set<String> READABLE_PRAGMAS = Set.of("TABLE_INFO", "TABLE_XINFO", "INDEX_LIST", "INDEX_INFO",
			"INDEX_XINFO", "FOREIGN_KEY_LIST", "FOREIGN_KEY_CHECK", "INTEGRITY_CHECK", "QUICK_CHECK", "PAGE_COUNT",
			"PAGE_SIZE", "FREELIST_COUNT", "USER_VERSION", "SCHEMA_VERSION", "APPLICATION_ID", "JOURNAL_MODE",
			"ENCODING", "COMPILE_OPTIONS", "DATABASE_LIST", "TABLE_LIST", "COLLATION_LIST", "FUNCTION_LIST",
			"MODULE_LIST", "PRAGMA_LIST", "DATA_VERSION", "MAX_PAGE_COUNT", "AUTO_VACUUM");

	private static final String RESERVED_PREFIX = "_dorm_";

	private static final String SEQUENCE_TABLE = "sqlite_sequence";

	private static final Set<String> TRANSACTION_KEYWORDS = Set.of("BEGIN", "COMMIT", "END", "ROLLBACK", "SAVEPOINT",
			"RELEASE");

	private static final String READABLE_PRAGMA_LIST = String.join(", ",
			new TreeSet<>(READABLE_PRAGMAS.stream().map((name) -> name.toLowerCase(Locale.ROOT)).toList()));

	private SqlStatementPolicy() {
	}

	/**
	 * Parse the SQL of one request entry, which must hold exactly one allowed statement.
	 * @param sql the SQL text
	 * @param location where the SQL is in the request body, such as {@code 'sql'}
	 * @return the statement
	 * @throws SqlEndpointException with status 400 if the SQL is empty, contains more
	 * than one statement, or the statement is not allowed
	 */
	static SqlStatement parseSingle(String sql, String location) {
		if (sql.indexOf('\0') >= 0) {
			throw SqlEndpointException.badRequest("The SQL in " + location
					+ " contains a NUL character (U+0000), which SQLite takes as the end of the SQL; remove it");
		}
		List<SqlStatement> statements = SqlScript.parse(sql);
		if (statements.isEmpty()) {
			throw SqlEndpointException.badRequest("The SQL in " + location + " contains no statement");
		}
		if (statements.size() > 1) {
			throw SqlEndpointException.badRequest("The SQL in " + location + " contains " + statements.size()
					+ " statements, but each 'sql' may contain only one; send several statements as"
					+ " {\"transaction\": [{\"sql\": \"...\"}, ...]}, which runs them in one transaction");
		}
		SqlStatement statement = statements.get(0);
		check(statement, location);
		return statement;
	}

	private static void check(SqlStatement statement, String location) {
		String keyword = statement.keyword();
		if ("EXPLAIN".equals(keyword)) {
			String explained = explainedKeyword(statement.words());
			if (isRejectedKeyword(explained) || "PRAGMA".equals(explained)) {
				throw rejected(location, "EXPLAIN " + explained,
						"SQLite applies some statements while it prepares them, even under EXPLAIN");
			}
		}
		if ("ATTACH".equals(keyword) || "DETACH".equals(keyword)) {
			throw rejected(location, keyword, "the endpoint reaches only the database named in the request");
		}
		if ("VACUUM".equals(keyword)) {
			throw rejected(location, keyword, "VACUUM rewrites the database file and VACUUM INTO writes another file");
		}
		if (TRANSACTION_KEYWORDS.contains(keyword)) {
			throw rejected(location, keyword, "send the statements as {\"transaction\": [...]}, which runs them in"
					+ " one transaction and rolls all of them back if one fails");
		}
		if (statement.pragmaName() != null) {
			checkPragma(statement, location);
		}
		if (containsLoadExtension(statement.text())) {
			throw rejected(location, "load_extension",
					"extensions run native code, so the endpoint rejects any statement that mentions load_extension");
		}
		String lowerCaseText = statement.text().toLowerCase(Locale.ROOT);
		if (!statement.isReadOnly() && lowerCaseText.contains(RESERVED_PREFIX)) {
			throw rejected(location, "A write that mentions " + RESERVED_PREFIX,
					"tables, triggers and functions whose names start with " + RESERVED_PREFIX
							+ " belong to dorm-spring's mirroring; pass text that contains " + RESERVED_PREFIX
							+ " as a parameter");
		}
		if (!statement.isReadOnly() && lowerCaseText.contains(SEQUENCE_TABLE)) {
			throw rejected(location, "A write that mentions " + SEQUENCE_TABLE,
					SEQUENCE_TABLE + " also contains the key counter of dorm-spring's mirror outbox");
		}
	}

	private static boolean isRejectedKeyword(String keyword) {
		return "ATTACH".equals(keyword) || "DETACH".equals(keyword) || "VACUUM".equals(keyword)
				|| TRANSACTION_KEYWORDS.contains(keyword);
	}

	/**
	 * Return the first word of the statement that follows {@code EXPLAIN} or
	 * {@code EXPLAIN QUERY PLAN}.
	 */
	private static String explainedKeyword(List<String> words) {
		int index = 1;
		if (words.size() > 3 && "QUERY".equals(words.get(1)) && "PLAN".equals(words.get(2))) {
			index = 3;
		}
		return (words.size() > index) ? words.get(index) : "";
	}

	private static void checkPragma(SqlStatement statement, String location) {
		String name = statement.pragmaName();
		String lowerCaseName = (name != null) ? name.toLowerCase(Locale.ROOT) : "";
		if (lowerCaseName.isEmpty()) {
			throw rejected(location, "PRAGMA", "the pragma has no valid name");
		}
		if (!READABLE_PRAGMAS.contains(name)) {
			throw rejected(location, "PRAGMA " + lowerCaseName,
					"the endpoint reads only the pragmas " + READABLE_PRAGMA_LIST);
		}
		if (statement.isPragmaAssignment()) {
			throw rejected(location, "PRAGMA " + lowerCaseName + " assignment",
					"the endpoint may not change the settings of a database; it reads only " + READABLE_PRAGMA_LIST);
		}
	}

	private static boolean containsLoadExtension(String text) {
		return text.toLowerCase(Locale.ROOT).contains("load_extension");
	}

	private static SqlEndpointException rejected(String location, String kind, String reason) {
		return SqlEndpointException
			.badRequest(kind + " is not allowed through the SQL endpoint (in " + location + "): " + reason);
	}

}
