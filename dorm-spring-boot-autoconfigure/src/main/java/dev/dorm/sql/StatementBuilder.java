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

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.dorm.sql.SqlTokenizer.TokenType;

/**
 * Collects the tokens of one statement while {@link SqlScript} scans and builds the
 * {@link SqlStatement}.
 */
final class StatementBuilder {

	private final String sql;

	private final TriggerBodyTracker triggerBodyTracker = new TriggerBodyTracker();

	private final List<String> words = new ArrayList<>();

	private int start = -1;

	private int end;

	private boolean hasNonCommentToken;

	private String keyword = "";

	private int parenthesisDepth;

	private @Nullable String withMainVerb;

	private @Nullable PragmaParser pragmaParser;

	StatementBuilder(String sql) {
		this.sql = sql;
	}

	/**
	 * Adds a semicolon if it belongs to the statement.
	 * @param start the start index of the semicolon
	 * @param end the end index of the semicolon
	 * @return {@code true} if the semicolon ends the statement and was not added,
	 * {@code false} if it belongs to a trigger body and was added
	 */
	boolean addSemicolon(int start, int end) {
		if (this.triggerBodyTracker.acceptSemicolon()) {
			return true;
		}
		extendText(start, end);
		passToPragmaParser(TokenType.SEMICOLON, start, end);
		return false;
	}

	/**
	 * Adds a token other than a semicolon.
	 * @param type the token type
	 * @param start the start index of the token
	 * @param end the end index of the token
	 */
	void add(TokenType type, int start, int end) {
		extendText(start, end);
		if (type == TokenType.COMMENT) {
			return;
		}
		boolean first = !this.hasNonCommentToken;
		this.hasNonCommentToken = true;
		if (type == TokenType.WORD) {
			addWord(start, end, first);
			return;
		}
		this.triggerBodyTracker.acceptOtherToken();
		if (type == TokenType.LEFT_PARENTHESIS) {
			this.parenthesisDepth++;
		}
		else if (type == TokenType.RIGHT_PARENTHESIS) {
			this.parenthesisDepth--;
		}
		passToPragmaParser(type, start, end);
	}

	/**
	 * Builds the statement from the tokens added so far.
	 * @return the statement, or {@code null} if it contains only comments
	 */
	@Nullable SqlStatement build() {
		if (!this.hasNonCommentToken) {
			return null;
		}
		String text = this.sql.substring(this.start, this.end);
		String pragmaName = (this.pragmaParser != null) ? this.pragmaParser.name() : null;
		boolean pragmaAssignment = this.pragmaParser != null && this.pragmaParser.isAssignment();
		return new SqlStatement(text, this.keyword, Collections.unmodifiableList(this.words), isReadOnly(), pragmaName,
				pragmaAssignment);
	}

	private void extendText(int start, int end) {
		if (this.start < 0) {
			this.start = start;
		}
		this.end = end;
	}

	private void addWord(int start, int end, boolean first) {
		String word = Ascii.toUpperCase(this.sql, start, end);
		this.words.add(word);
		this.triggerBodyTracker.acceptWord(word);
		if (first) {
			this.keyword = word;
			if ("PRAGMA".equals(word)) {
				this.pragmaParser = new PragmaParser(this.sql);
			}
			return;
		}
		passToPragmaParser(TokenType.WORD, start, end);
		if ("WITH".equals(this.keyword)) {
			recordWithMainVerb(word);
		}
	}

	// The main statement of WITH is the first of these verbs outside parentheses,
	// because the common table expressions are parenthesized.
	private void recordWithMainVerb(String word) {
		if (this.withMainVerb != null || this.parenthesisDepth != 0) {
			return;
		}
		switch (word) {
			case "SELECT", "VALUES", "INSERT", "UPDATE", "DELETE", "REPLACE" -> this.withMainVerb = word;
			default -> {
			}
		}
	}

	private void passToPragmaParser(TokenType type, int start, int end) {
		if (this.pragmaParser != null) {
			this.pragmaParser.accept(type, start, end);
		}
	}

	private boolean isReadOnly() {
		return switch (this.keyword) {
			case "SELECT", "VALUES", "EXPLAIN" -> true;
			case "WITH" -> "SELECT".equals(this.withMainVerb) || "VALUES".equals(this.withMainVerb);
			default -> false;
		};
	}

}
