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

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The {@code x-dorm-*} keywords and the check that rejects unknown ones, so that a
 * misspelled keyword fails instead of being ignored.
 */
final class Keywords {

	static final List<String> PROPERTY = List.of("x-dorm-primary-key", "x-dorm-auto-increment", "x-dorm-unique",
			"x-dorm-index", "x-dorm-default", "x-dorm-references");

	static final List<String> TABLE = List.of("x-dorm-primary-key", "x-dorm-unique", "x-dorm-indexes");

	private static final int MAX_SUGGESTION_DISTANCE = 3;

	private Keywords() {
	}

	/**
	 * Reject the first keyword that looks like a DORM keyword, because it starts with
	 * {@code x-dorm} or {@code x_dorm} in any ASCII case, but is not one of the known
	 * keywords. Known keywords never reach this map because they have fields of their
	 * own.
	 * @param keywords the keywords without a field of their own
	 * @param known the keywords allowed at this level
	 * @param table the table name, or {@code null} if not known
	 * @param property the property, or {@code null} at table level
	 */
	static void rejectUnknown(Map<String, JsonNode> keywords, List<String> known, @Nullable String table,
			@Nullable String property) {
		for (String keyword : keywords.keySet()) {
			String folded = Names.fold(keyword);
			if (folded.startsWith("x-dorm") || folded.startsWith("x_dorm")) {
				String suggestion = suggest(keyword, known);
				String level = (property != null) ? "property" : "table";
				throw InvalidSchemaException.of(table, property, keyword,
						"unknown keyword " + Names.describe(keyword) + " at " + level + " level",
						"use one of " + String.join(", ", known)
								+ ((suggestion != null) ? " (did you mean '" + suggestion + "'?)" : ""));
			}
		}
	}

	/**
	 * Reject the first key of an object whose keys are all known, such as
	 * {@code x-dorm-references}.
	 * @param keys the keys without a field of their own
	 * @param known the allowed keys
	 * @param table the table name, or {@code null} if not known
	 * @param property the property, or {@code null} at table level
	 * @param rule the keyword whose value is the object
	 */
	static void rejectAny(Map<String, JsonNode> keys, List<String> known, @Nullable String table,
			@Nullable String property, String rule) {
		for (String key : keys.keySet()) {
			String suggestion = suggest(key, known);
			throw InvalidSchemaException.of(table, property, rule, "unknown key " + Names.describe(key),
					"use only the keys " + String.join(", ", known)
							+ ((suggestion != null) ? " (did you mean '" + suggestion + "'?)" : ""));
		}
	}

	/**
	 * Return the known word closest to a misspelled one.
	 * @param word the misspelled word
	 * @param known the known words
	 * @return the closest known word within an edit distance of 3, ignoring ASCII case,
	 * or {@code null} if none is that close
	 */
	static @Nullable String suggest(String word, List<String> known) {
		String best = null;
		int bestDistance = MAX_SUGGESTION_DISTANCE + 1;
		for (String candidate : known) {
			int distance = editDistance(Names.fold(word), Names.fold(candidate));
			if (distance < bestDistance) {
				best = candidate;
				bestDistance = distance;
			}
		}
		return best;
	}

	private static int editDistance(String a, String b) {
		int[] previous = new int[b.length() + 1];
		int[] current = new int[b.length() + 1];
		for (int j = 0; j <= b.length(); j++) {
			previous[j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			current[0] = i;
			for (int j = 1; j <= b.length(); j++) {
				int substitution = previous[j - 1] + ((a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1);
				current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
			}
			int[] swap = previous;
			previous = current;
			current = swap;
		}
		return previous[b.length()];
	}

}
