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

package dev.dorm.sql;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One SQL statement of a script that {@link SqlScript#parse(String)} split, with the
 * facts that callers need to route or reject it.
 * <p>
 * The classification reads only the statement's tokens, so it is a routing hint and not a
 * security boundary. A read-only connection or an authorizer enforces what a statement
 * may do.
 *
 * @since 0.1.0
 */
public final class SqlStatement {

	private final String text;

	private final String keyword;

	private final List<String> words;

	private final boolean readOnly;

	private final @Nullable String pragmaName;

	private final boolean pragmaAssignment;

	SqlStatement(String text, String keyword, List<String> words, boolean readOnly, @Nullable String pragmaName,
			boolean pragmaAssignment) {
		this.text = text;
		this.keyword = keyword;
		this.words = words;
		this.readOnly = readOnly;
		this.pragmaName = pragmaName;
		this.pragmaAssignment = pragmaAssignment;
	}

	/**
	 * Returns the statement's source text, from its first token to its last, without the
	 * terminating semicolon. Comments inside the statement and comments between the
	 * previous semicolon and the statement are kept.
	 * @return the source text
	 */
	public String text() {
		return this.text;
	}

	/**
	 * Returns the first word of the statement in upper case, such as {@code SELECT},
	 * {@code WITH}, {@code INSERT}, {@code PRAGMA} or {@code ATTACH}.
	 * @return the keyword, or an empty string if the first token is not a bare word (for
	 * example a quoted identifier or a parenthesis)
	 */
	public String keyword() {
		return this.keyword;
	}

	/**
	 * Returns the bare words of the statement in order, converted to upper case. Bare
	 * words are keywords and unquoted identifiers outside string literals, quoted
	 * identifiers and comments. Only ASCII letters are converted, as SQLite compares
	 * keywords and names.
	 * <p>
	 * Quoted identifiers are left out, but SQLite also resolves a function or table
	 * through one, as in {@code "load_extension"('x')}. A caller that looks for a name
	 * must not rely on this list alone.
	 * @return an unmodifiable list of the words
	 */
	public List<String> words() {
		return this.words;
	}

	/**
	 * Returns whether the statement cannot write to the database. That is the case for
	 * statements that start with {@code SELECT}, {@code VALUES} or {@code EXPLAIN} (which
	 * only describes the statement that follows it), and for {@code WITH} statements
	 * whose main statement is a {@code SELECT} or {@code VALUES}. The main statement is
	 * the first {@code SELECT}, {@code VALUES}, {@code INSERT}, {@code UPDATE},
	 * {@code DELETE} or {@code REPLACE} outside parentheses. Every other statement,
	 * {@code PRAGMA} included, returns {@code false}.
	 * @return {@code true} if the statement is read-only
	 */
	public boolean isReadOnly() {
		return this.readOnly;
	}

	/**
	 * Returns the name of the pragma that this statement runs, in upper case and without
	 * quotes or schema, so {@code PRAGMA main."journal_mode"} returns
	 * {@code JOURNAL_MODE}.
	 * @return the pragma name, an empty string for a {@code PRAGMA} statement without a
	 * valid name (which SQLite rejects), or {@code null} if this is not a {@code PRAGMA}
	 * statement
	 */
	public @Nullable String pragmaName() {
		return this.pragmaName;
	}

	/**
	 * Returns whether this is a {@code PRAGMA} statement that sets a value:
	 * {@code PRAGMA x = v}, or {@code PRAGMA x(v)} unless {@code x} is one of the pragmas
	 * that read with an argument, such as {@code table_info}, {@code index_list},
	 * {@code foreign_key_check}, {@code integrity_check} or {@code quick_check}.
	 * <p>
	 * A plain {@code PRAGMA x} returns {@code false}, but some such pragmas still write,
	 * for example {@code optimize}, {@code incremental_vacuum} and
	 * {@code wal_checkpoint}. A caller that must block writes should allow only known
	 * pragma names.
	 * @return {@code true} if the statement is a pragma assignment
	 */
	public boolean isPragmaAssignment() {
		return this.pragmaAssignment;
	}

	/**
	 * Returns the statement's source text.
	 * @return the same value as {@link #text()}
	 */
	@Override
	public String toString() {
		return this.text;
	}

}
