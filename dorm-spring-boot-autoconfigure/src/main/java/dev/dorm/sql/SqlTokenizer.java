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

/**
 * Tokenizer for SQLite SQL text that follows the token rules of SQLite's
 * {@code sqlite3GetToken} in {@code tokenize.c} wherever they can move a statement
 * boundary.
 * <p>
 * Whitespace is skipped. Unterminated strings, quoted identifiers and block comments run
 * to the end of the input, and characters that SQLite rejects become
 * {@link TokenType#OTHER} tokens, so scanning never fails. Operators other than {@code =}
 * and {@code ==} are returned as {@link TokenType#OTHER} tokens of one character, or two
 * for {@code <=}, {@code >=} and {@code !=}, because no caller needs to tell them apart.
 */
final class SqlTokenizer {

	private static final char BYTE_ORDER_MARK = '\uFEFF';

	private final String sql;

	private final int length;

	private int start;

	private int end;

	SqlTokenizer(String sql) {
		this.sql = sql;
		this.length = sql.length();
	}

	/**
	 * Advances to the next token and returns its type, or {@link TokenType#END_OF_INPUT}
	 * when no token is left.
	 * @return the type of the token between {@link #start()} and {@link #end()}
	 */
	TokenType next() {
		this.start = skipWhitespace(this.end);
		if (this.start >= this.length) {
			this.end = this.length;
			return TokenType.END_OF_INPUT;
		}
		return scanToken(this.sql.charAt(this.start));
	}

	/**
	 * Returns the index of the first character of the current token.
	 * @return the start index, inclusive
	 */
	int start() {
		return this.start;
	}

	/**
	 * Returns the index after the last character of the current token.
	 * @return the end index, exclusive
	 */
	int end() {
		return this.end;
	}

	private int skipWhitespace(int index) {
		int position = index;
		while (position < this.length && startsWhitespace(this.sql.charAt(position))) {
			position++;
			while (position < this.length && continuesWhitespace(this.sql.charAt(position))) {
				position++;
			}
		}
		return position;
	}

	private TokenType scanToken(char first) {
		switch (first) {
			case ';':
				return symbol(TokenType.SEMICOLON, 1);
			case '(':
				return symbol(TokenType.LEFT_PARENTHESIS, 1);
			case ')':
				return symbol(TokenType.RIGHT_PARENTHESIS, 1);
			case '=':
				return symbol(TokenType.EQUALS, (peek(1) == '=') ? 2 : 1);
			case '<':
			case '>':
			case '!':
				return symbol(TokenType.OTHER, (peek(1) == '=') ? 2 : 1);
			case '.':
				return isDigit(peek(1)) ? scanNumber() : symbol(TokenType.DOT, 1);
			case '-':
				return (peek(1) == '-') ? scanLineComment() : symbol(TokenType.OTHER, 1);
			case '/':
				return isBlockCommentStart() ? scanBlockComment() : symbol(TokenType.OTHER, 1);
			case '\'':
				return scanQuoted('\'', TokenType.STRING);
			case '"':
			case '`':
				return scanQuoted(first, TokenType.QUOTED_IDENTIFIER);
			case '[':
				return scanBracketedIdentifier();
			case '?':
				return scanNumberedParameter();
			case '$':
			case '@':
			case ':':
			case '#':
				return scanNamedParameter();
			case 'x':
			case 'X':
				return (peek(1) == '\'') ? scanBlob() : scanWord();
			default:
				return scanOtherToken(first);
		}
	}

	private TokenType scanOtherToken(char first) {
		if (isDigit(first)) {
			return scanNumber();
		}
		if (isIdentifierStart(first)) {
			return scanWord();
		}
		return symbol(TokenType.OTHER, 1);
	}

	private TokenType symbol(TokenType type, int length) {
		this.end = this.start + length;
		return type;
	}

	private TokenType scanLineComment() {
		int newline = this.sql.indexOf('\n', this.start + 2);
		this.end = (newline >= 0) ? newline : this.length;
		return TokenType.COMMENT;
	}

	// SQLite reads "/*" as a comment only when another character follows, so "/*" at
	// the end of the input is two operators.
	private boolean isBlockCommentStart() {
		return peek(1) == '*' && this.start + 2 < this.length;
	}

	private TokenType scanBlockComment() {
		int close = this.sql.indexOf("*/", this.start + 2);
		this.end = (close >= 0) ? close + 2 : this.length;
		return TokenType.COMMENT;
	}

	private TokenType scanQuoted(char quote, TokenType type) {
		int position = this.start + 1;
		while (true) {
			int close = this.sql.indexOf(quote, position);
			if (close < 0) {
				this.end = this.length;
				return type;
			}
			if (close + 1 < this.length && this.sql.charAt(close + 1) == quote) {
				position = close + 2;
				continue;
			}
			this.end = close + 1;
			return type;
		}
	}

	// A [bracketed] identifier has no escape: it ends at the first ']'.
	private TokenType scanBracketedIdentifier() {
		int close = this.sql.indexOf(']', this.start + 1);
		this.end = (close >= 0) ? close + 1 : this.length;
		return TokenType.QUOTED_IDENTIFIER;
	}

	// SQLite ends a blob literal at the next quote, whether or not the characters
	// before it are valid hex digits, and a doubled quote is no escape.
	private TokenType scanBlob() {
		int close = this.sql.indexOf('\'', this.start + 2);
		this.end = (close >= 0) ? close + 1 : this.length;
		return TokenType.BLOB;
	}

	private TokenType scanNumberedParameter() {
		int position = this.start + 1;
		while (isDigit(charAt(position))) {
			position++;
		}
		this.end = position;
		return TokenType.PARAMETER;
	}

	// Covers :name, @name, #name and $name. Like SQLite's default build, it accepts
	// the Tcl forms $a::b and $a(suffix), whose suffix may contain ';'.
	private TokenType scanNamedParameter() {
		int position = this.start + 1;
		boolean hasName = false;
		while (position < this.length) {
			char current = this.sql.charAt(position);
			if (isIdentifierChar(current)) {
				hasName = true;
				position++;
			}
			else if (current == '(' && hasName) {
				position = skipTclSuffix(position);
				break;
			}
			else if (current == ':' && charAt(position + 1) == ':') {
				position += 2;
			}
			else {
				break;
			}
		}
		this.end = position;
		return TokenType.PARAMETER;
	}

	private int skipTclSuffix(int openParenthesis) {
		int position = openParenthesis + 1;
		while (position < this.length) {
			char current = this.sql.charAt(position);
			if (current == ')') {
				return position + 1;
			}
			if (continuesWhitespace(current)) {
				return position;
			}
			position++;
		}
		return position;
	}

	private TokenType scanNumber() {
		int position = this.start;
		if (charAt(position) == '0' && (charAt(position + 1) == 'x' || charAt(position + 1) == 'X')
				&& isHexDigit(charAt(position + 2))) {
			position = skipHexDigits(position + 2);
		}
		else {
			position = skipDecimalPart(position);
		}
		position = skipIdentifierChars(position);
		this.end = position;
		return TokenType.NUMBER;
	}

	private int skipDecimalPart(int index) {
		int position = skipDigits(index);
		if (charAt(position) == '.') {
			position = skipDigits(position + 1);
		}
		char exponent = charAt(position);
		if (exponent == 'e' || exponent == 'E') {
			char next = charAt(position + 1);
			if (isDigit(next) || ((next == '+' || next == '-') && isDigit(charAt(position + 2)))) {
				position = skipDigits(position + 2);
			}
		}
		return position;
	}

	// Digits may contain '_' separators, which SQLite accepts since version 3.46.0.
	private int skipDigits(int index) {
		int position = index;
		while (isDigit(charAt(position)) || charAt(position) == '_') {
			position++;
		}
		return position;
	}

	private int skipHexDigits(int index) {
		int position = index;
		while (isHexDigit(charAt(position)) || charAt(position) == '_') {
			position++;
		}
		return position;
	}

	private TokenType scanWord() {
		this.end = skipIdentifierChars(this.start + 1);
		return TokenType.WORD;
	}

	private int skipIdentifierChars(int index) {
		int position = index;
		while (position < this.length && isIdentifierChar(this.sql.charAt(position))) {
			position++;
		}
		return position;
	}

	private char peek(int offset) {
		return charAt(this.start + offset);
	}

	// Returns NUL past the end of the input. No token continues with a NUL, so every
	// scan stops there.
	private char charAt(int index) {
		return (index < this.length) ? this.sql.charAt(index) : '\0';
	}

	private static boolean startsWhitespace(char c) {
		return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == BYTE_ORDER_MARK;
	}

	// SQLite rejects a vertical tab that starts a token but accepts one inside a run of
	// whitespace.
	private static boolean continuesWhitespace(char c) {
		return startsWhitespace(c) || c == '\u000B';
	}

	private static boolean isDigit(char c) {
		return c >= '0' && c <= '9';
	}

	private static boolean isHexDigit(char c) {
		return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
	}

	// SQLite treats every non-ASCII character as part of an identifier.
	private static boolean isIdentifierStart(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
	}

	private static boolean isIdentifierChar(char c) {
		return isIdentifierStart(c) || isDigit(c) || c == '$';
	}

	/**
	 * Types of tokens that {@link SqlTokenizer} returns.
	 */
	enum TokenType {

		/**
		 * A keyword or an unquoted identifier.
		 */
		WORD,

		/**
		 * An identifier in double quotes, backticks or square brackets.
		 */
		QUOTED_IDENTIFIER,

		/**
		 * A string literal in single quotes.
		 */
		STRING,

		/**
		 * A blob literal such as {@code x'0F'}.
		 */
		BLOB,

		/**
		 * A numeric literal.
		 */
		NUMBER,

		/**
		 * A bound parameter such as {@code ?}, {@code ?1}, {@code :name}, {@code @name}
		 * or {@code $name}.
		 */
		PARAMETER,

		/**
		 * A line comment that starts with {@code --} or a block comment.
		 */
		COMMENT,

		/**
		 * A semicolon.
		 */
		SEMICOLON,

		/**
		 * An opening parenthesis.
		 */
		LEFT_PARENTHESIS,

		/**
		 * A closing parenthesis.
		 */
		RIGHT_PARENTHESIS,

		/**
		 * A dot, as in {@code schema.table}.
		 */
		DOT,

		/**
		 * The {@code =} or {@code ==} operator.
		 */
		EQUALS,

		/**
		 * Any other operator or punctuation character, or a character that SQLite
		 * rejects.
		 */
		OTHER,

		/**
		 * The end of the input.
		 */
		END_OF_INPUT

	}

}
