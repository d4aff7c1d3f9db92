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
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import dev.dorm.sql.SqlTokenizer.TokenType;

/**
 * Splitter for SQLite SQL scripts.
 * <p>
 * {@link #parse(String)} splits a script at the semicolons that SQLite treats as
 * statement ends, in one pass over the characters and without regular expressions.
 * Semicolons inside string and blob literals, quoted identifiers ({@code "a"},
 * {@code `a`}, {@code [a]}), comments, Tcl-style parameters such as {@code $a(;)} and
 * {@code CREATE TRIGGER} bodies do not split. Input that SQLite would reject, such as an
 * unterminated string, is split without an error, and SQLite reports it when the
 * statement runs.
 * <p>
 * SQLite stops reading at a NUL character (U+0000), but this class treats it as an
 * ordinary character, so text after a NUL still counts as statements.
 *
 * @since 0.1.0
 */
public final class SqlScript {

	private SqlScript() {
	}

	/**
	 * Splits the given SQL into statements. Statements that contain only whitespace and
	 * comments are dropped.
	 * @param sql the SQL text, which may contain any number of statements
	 * @return an unmodifiable list of the statements in source order, empty if there is
	 * none
	 */
	public static List<SqlStatement> parse(String sql) {
		Objects.requireNonNull(sql, "sql must not be null");
		SqlTokenizer tokenizer = new SqlTokenizer(sql);
		List<SqlStatement> statements = new ArrayList<>();
		StatementBuilder builder = new StatementBuilder(sql);
		TokenType type = tokenizer.next();
		while (type != TokenType.END_OF_INPUT) {
			if (type != TokenType.SEMICOLON) {
				builder.add(type, tokenizer.start(), tokenizer.end());
			}
			else if (builder.addSemicolon(tokenizer.start(), tokenizer.end())) {
				addIfPresent(statements, builder.build());
				builder = new StatementBuilder(sql);
			}
			type = tokenizer.next();
		}
		addIfPresent(statements, builder.build());
		return Collections.unmodifiableList(statements);
	}

	private static void addIfPresent(List<SqlStatement> statements, @Nullable SqlStatement statement) {
		if (statement != null) {
			statements.add(statement);
		}
	}

}
