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

import java.util.Set;

import dev.dorm.sql.SqlTokenizer.TokenType;

/**
 * Parser for the head of a {@code PRAGMA [schema.]name [= value | (argument)]} statement.
 * It receives the tokens after the {@code PRAGMA} keyword, without comments.
 */
final class PragmaParser {

	/**
	 * Pragmas whose parenthesized argument selects what to read, such as the table in
	 * {@code PRAGMA table_info(t)}, so the parenthesized form changes no setting.
	 */
	private static final Set<String> READ_ONLY_PRAGMAS_WITH_ARGUMENT = Set.of("TABLE_INFO", "TABLE_XINFO", "INDEX_INFO",
			"INDEX_XINFO", "INDEX_LIST", "FOREIGN_KEY_LIST", "FOREIGN_KEY_CHECK", "INTEGRITY_CHECK", "QUICK_CHECK",
			"FUNCTION_LIST", "PRAGMA_LIST", "MODULE_LIST", "COLLATION_LIST", "DATABASE_LIST", "COMPILE_OPTIONS",
			"TABLE_LIST");

	private final String sql;

	private State state = State.NAME;

	private String name = "";

	private TokenType tokenAfterName = TokenType.END_OF_INPUT;

	PragmaParser(String sql) {
		this.sql = sql;
	}

	/**
	 * Reads the next token of the statement.
	 * @param type the token type, never {@link TokenType#COMMENT}
	 * @param start the start index of the token in the SQL text
	 * @param end the end index of the token in the SQL text
	 */
	void accept(TokenType type, int start, int end) {
		switch (this.state) {
			case NAME, QUALIFIED_NAME -> acceptName(type, start, end);
			case AFTER_NAME, AFTER_QUALIFIED_NAME -> acceptTokenAfterName(type);
			case DONE -> {
			}
		}
	}

	/**
	 * Returns the pragma name in upper case, without quotes and schema.
	 * @return the name, or an empty string if the statement has no valid name
	 */
	String name() {
		return this.name;
	}

	/**
	 * Returns whether the statement sets a value: {@code PRAGMA x = v} always, and
	 * {@code PRAGMA x(v)} unless {@code x} is a read-only pragma that takes an argument.
	 * @return whether the statement is an assignment
	 */
	boolean isAssignment() {
		return switch (this.tokenAfterName) {
			case EQUALS -> true;
			case LEFT_PARENTHESIS -> !READ_ONLY_PRAGMAS_WITH_ARGUMENT.contains(this.name);
			default -> false;
		};
	}

	// SQLite accepts a bare word, a quoted identifier or a string literal as a name.
	private void acceptName(TokenType type, int start, int end) {
		switch (type) {
			case WORD -> this.name = Ascii.toUpperCase(this.sql, start, end);
			case QUOTED_IDENTIFIER, STRING -> this.name = Ascii.toUpperCase(unquote(start, end));
			default -> {
				this.state = State.DONE;
				return;
			}
		}
		this.state = (this.state == State.NAME) ? State.AFTER_NAME : State.AFTER_QUALIFIED_NAME;
	}

	private void acceptTokenAfterName(TokenType type) {
		if (type == TokenType.DOT && this.state == State.AFTER_NAME) {
			this.name = "";
			this.state = State.QUALIFIED_NAME;
			return;
		}
		this.tokenAfterName = type;
		this.state = State.DONE;
	}

	// Removes the quotes and turns each doubled quote into one. A name that is not
	// terminated keeps everything after its opening quote.
	private String unquote(int start, int end) {
		char open = this.sql.charAt(start);
		char close = (open == '[') ? ']' : open;
		int contentEnd = (end - start >= 2 && this.sql.charAt(end - 1) == close) ? end - 1 : end;
		String content = this.sql.substring(start + 1, contentEnd);
		if (open == '[') {
			return content;
		}
		String quote = String.valueOf(open);
		return content.replace(quote + quote, quote);
	}

	private enum State {

		/**
		 * Before the first name, which is the pragma name unless a dot follows.
		 */
		NAME,

		/**
		 * After the first name.
		 */
		AFTER_NAME,

		/**
		 * After {@code schema.}, before the pragma name.
		 */
		QUALIFIED_NAME,

		/**
		 * After {@code schema.name}.
		 */
		AFTER_QUALIFIED_NAME,

		/**
		 * After the token that follows the name, or after a token that is not valid
		 * there.
		 */
		DONE

	}

}
