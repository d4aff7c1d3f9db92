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

package dev.dorm.schema;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Checks and case folding of SQLite names, and quoting of names and values in messages.
 */
final class Names {

	/**
	 * Prefix that SQLite reserves for the names of its own tables, indexes, views and
	 * triggers. SQLite compares it without regard to ASCII case.
	 */
	static final String RESERVED_PREFIX = "sqlite_";

	private static final int MAX_DESCRIBED_LENGTH = 80;

	private Names() {
	}

	/**
	 * Return a name with ASCII letters in lower case, the form in which SQLite compares
	 * names. Other letters stay as they are, because SQLite folds only ASCII.
	 * @param name the name
	 * @return the folded name
	 */
	static String fold(String name) {
		StringBuilder folded = new StringBuilder(name.length());
		for (int i = 0; i < name.length(); i++) {
			char c = name.charAt(i);
			folded.append((c >= 'A' && c <= 'Z') ? (char) (c + ('a' - 'A')) : c);
		}
		return folded.toString();
	}

	/**
	 * Return whether SQLite reserves a name for its own schema objects.
	 * @param name the name of a table or index
	 * @return whether the name starts with {@value #RESERVED_PREFIX} in any ASCII case
	 */
	static boolean isReserved(String name) {
		return fold(name).startsWith(RESERVED_PREFIX);
	}

	/**
	 * Return what makes a name or text value impossible to pass to SQLite unchanged. A
	 * NUL character ends SQL text early, and an unpaired UTF-16 surrogate has no UTF-8
	 * encoding, so the driver would replace it.
	 * @param text the name or value
	 * @return the problem, or {@code null} if there is none
	 */
	static @Nullable String textProblem(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == 0) {
				return "contains the NUL character U+0000";
			}
			if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
				i++;
			}
			else if (Character.isSurrogate(c)) {
				return String.format("contains the unpaired surrogate U+%04X, which is not valid Unicode text",
						(int) c);
			}
		}
		return null;
	}

	/**
	 * Quote a name or value for a message: in single quotes, with control characters and
	 * unpaired surrogates escaped as {@code \}{@code uXXXX}, and cut after 80 characters.
	 * @param text the name or value
	 * @return the quoted text
	 */
	static String describe(String text) {
		StringBuilder quoted = new StringBuilder("'");
		int end = Math.min(text.length(), MAX_DESCRIBED_LENGTH);
		for (int i = 0; i < end; i++) {
			char c = text.charAt(i);
			boolean paired = (Character.isHighSurrogate(c) && i + 1 < text.length()
					&& Character.isLowSurrogate(text.charAt(i + 1)))
					|| (Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(text.charAt(i - 1)));
			if (Character.isISOControl(c) || (Character.isSurrogate(c) && !paired)) {
				quoted.append(String.format("\\u%04X", (int) c));
			}
			else {
				quoted.append(c);
			}
		}
		if (end < text.length()) {
			quoted.append("...");
		}
		return quoted.append("'").toString();
	}

	/**
	 * Quote a JSON value for a message: a string as {@link #describe} does, any other
	 * value as its JSON text, cut after 80 characters.
	 * @param value the value
	 * @return the quoted value
	 */
	static String describe(JsonNode value) {
		if (value.isString()) {
			return describe(value.stringValue());
		}
		String json = value.toString();
		return (json.length() > MAX_DESCRIBED_LENGTH) ? json.substring(0, MAX_DESCRIBED_LENGTH) + "..." : json;
	}

}
