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
 * State machine that decides whether a semicolon ends a statement or belongs to the body
 * of a {@code CREATE TRIGGER} statement.
 * <p>
 * It copies the state machine of SQLite's {@code sqlite3_complete()} in
 * {@code complete.c}, which the {@code sqlite3} shell uses to decide when typed input
 * forms a complete statement. Once {@code CREATE [TEMP | TEMPORARY] TRIGGER} starts a
 * statement, possibly after {@code EXPLAIN}, only the sequence {@code ; END ;} or the end
 * of the input ends it. The grammar ends every statement in a trigger body with a
 * semicolon, so an {@code END} that closes a {@code CASE} expression never directly
 * follows one. Neither does a column named {@code end}, which SQLite allows. Counting
 * {@code CASE} and {@code END} words instead would end the trigger too early at such a
 * column.
 * <p>
 * Comments and whitespace must not be passed in, because they never change the state.
 */
final class TriggerBodyTracker {

	private State state = State.START;

	/**
	 * Updates the state for a semicolon.
	 * @return {@code true} if the semicolon ends the statement, {@code false} if it
	 * belongs to a trigger body
	 */
	boolean acceptSemicolon() {
		this.state = next(this.state, Token.SEMICOLON);
		return this.state == State.START;
	}

	/**
	 * Updates the state for a bare word.
	 * @param upperCaseWord the word in upper case
	 */
	void acceptWord(String upperCaseWord) {
		if (this.state != State.NORMAL && this.state != State.TRIGGER) {
			this.state = next(this.state, classify(upperCaseWord));
		}
	}

	/**
	 * Updates the state for a token that is neither a word, a semicolon, a comment nor
	 * whitespace.
	 */
	void acceptOtherToken() {
		this.state = next(this.state, Token.OTHER);
	}

	private static Token classify(String upperCaseWord) {
		switch (upperCaseWord) {
			case "EXPLAIN":
				return Token.EXPLAIN;
			case "CREATE":
				return Token.CREATE;
			case "TEMP":
			case "TEMPORARY":
				return Token.TEMP;
			case "TRIGGER":
				return Token.TRIGGER;
			case "END":
				return Token.END;
			default:
				return Token.OTHER;
		}
	}

	private static State next(State state, Token token) {
		return switch (state) {
			case START -> afterStart(token);
			case NORMAL -> (token == Token.SEMICOLON) ? State.START : State.NORMAL;
			case EXPLAIN -> afterExplain(token);
			case CREATE -> afterCreate(token);
			case TRIGGER -> (token == Token.SEMICOLON) ? State.TRIGGER_SEMICOLON : State.TRIGGER;
			case TRIGGER_SEMICOLON -> afterTriggerSemicolon(token);
			case TRIGGER_END -> (token == Token.SEMICOLON) ? State.START : State.TRIGGER;
		};
	}

	private static State afterStart(Token token) {
		return switch (token) {
			case SEMICOLON -> State.START;
			case EXPLAIN -> State.EXPLAIN;
			case CREATE -> State.CREATE;
			default -> State.NORMAL;
		};
	}

	// Other tokens keep the EXPLAIN state, so EXPLAIN QUERY PLAN CREATE TRIGGER is a
	// trigger as well.
	private static State afterExplain(Token token) {
		return switch (token) {
			case SEMICOLON -> State.START;
			case OTHER -> State.EXPLAIN;
			case CREATE -> State.CREATE;
			default -> State.NORMAL;
		};
	}

	private static State afterCreate(Token token) {
		return switch (token) {
			case SEMICOLON -> State.START;
			case TEMP -> State.CREATE;
			case TRIGGER -> State.TRIGGER;
			default -> State.NORMAL;
		};
	}

	private static State afterTriggerSemicolon(Token token) {
		return switch (token) {
			case SEMICOLON -> State.TRIGGER_SEMICOLON;
			case END -> State.TRIGGER_END;
			default -> State.TRIGGER;
		};
	}

	private enum State {

		/**
		 * At the start of a statement.
		 */
		START,

		/**
		 * Inside a statement that the next top-level semicolon ends.
		 */
		NORMAL,

		/**
		 * After a leading {@code EXPLAIN}.
		 */
		EXPLAIN,

		/**
		 * After a leading {@code CREATE}, possibly followed by {@code TEMP}.
		 */
		CREATE,

		/**
		 * Inside a {@code CREATE TRIGGER} statement.
		 */
		TRIGGER,

		/**
		 * After a semicolon inside a {@code CREATE TRIGGER} statement.
		 */
		TRIGGER_SEMICOLON,

		/**
		 * After {@code ; END} inside a {@code CREATE TRIGGER} statement.
		 */
		TRIGGER_END

	}

	private enum Token {

		SEMICOLON, OTHER, EXPLAIN, CREATE, TEMP, TRIGGER, END

	}

}
