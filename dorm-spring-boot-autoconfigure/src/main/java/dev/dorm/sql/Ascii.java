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
 * ASCII-only case conversion, matching how SQLite compares keywords and names.
 * <p>
 * {@link String#toUpperCase} is not used because it also maps non-ASCII letters, for
 * example {@code "ſelect"} (with U+017F) to {@code "SELECT"}, which SQLite reads as an
 * identifier and not as the keyword.
 */
final class Ascii {

	private Ascii() {
	}

	/**
	 * Returns {@code text} with ASCII letters converted to upper case.
	 * @param text the text to convert
	 * @return the converted text
	 */
	static String toUpperCase(String text) {
		return toUpperCase(text, 0, text.length());
	}

	/**
	 * Returns the characters of {@code text} from {@code start} to {@code end} with ASCII
	 * letters converted to upper case.
	 * @param text the text that contains the range
	 * @param start the start index, inclusive
	 * @param end the end index, exclusive
	 * @return the converted range
	 */
	static String toUpperCase(String text, int start, int end) {
		int firstLowerCase = indexOfLowerCase(text, start, end);
		if (firstLowerCase < 0) {
			return text.substring(start, end);
		}
		char[] chars = new char[end - start];
		text.getChars(start, end, chars, 0);
		for (int i = firstLowerCase - start; i < chars.length; i++) {
			if (isLowerCase(chars[i])) {
				chars[i] = (char) (chars[i] - ('a' - 'A'));
			}
		}
		return new String(chars);
	}

	private static int indexOfLowerCase(String text, int start, int end) {
		for (int i = start; i < end; i++) {
			if (isLowerCase(text.charAt(i))) {
				return i;
			}
		}
		return -1;
	}

	private static boolean isLowerCase(char c) {
		return c >= 'a' && c <= 'z';
	}

}
