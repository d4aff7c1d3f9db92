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

import java.math.BigDecimal;

/**
 * SQLite literals and quoted identifiers.
 */
final class Sql {

	private static final BigDecimal MIN_LONG = BigDecimal.valueOf(Long.MIN_VALUE);

	private static final BigDecimal MAX_LONG = BigDecimal.valueOf(Long.MAX_VALUE);

	private Sql() {
	}

	/**
	 * Quote a name as an SQLite identifier: in double quotes, with each double quote
	 * doubled. Callers reject names that contain NUL first.
	 * @param name the name
	 * @return the quoted identifier
	 */
	static String identifier(String name) {
		return "\"" + name.replace("\"", "\"\"") + "\"";
	}

	/**
	 * Quote a text as an SQLite string literal: in single quotes, with each single quote
	 * doubled. Callers reject text that contains NUL first.
	 * @param text the text
	 * @return the string literal
	 */
	static String string(String text) {
		return "'" + text.replace("'", "''") + "'";
	}

	/**
	 * Return whether a number is finite once converted to a double, the widest type in
	 * which SQLite stores a number.
	 * @param value the number
	 * @return whether it is finite
	 */
	static boolean isFinite(BigDecimal value) {
		return Double.isFinite(value.doubleValue());
	}

	/**
	 * Return whether a number is a whole number within SQLite's 64-bit integer range.
	 * @param value the number
	 * @return whether SQLite can store it as an {@code INTEGER}
	 */
	static boolean isInteger(BigDecimal value) {
		return value.signum() == 0 || (value.stripTrailingZeros().scale() <= 0 && value.compareTo(MIN_LONG) >= 0
				&& value.compareTo(MAX_LONG) <= 0);
	}

	/**
	 * Write a finite number as an SQLite numeric literal: an integer literal for whole
	 * numbers within the 64-bit range, otherwise the nearest double, such as
	 * {@code 1.0E20} or {@code -0.5}.
	 * @param value the number, for which {@link #isFinite} returns {@code true}
	 * @return the literal
	 */
	static String number(BigDecimal value) {
		if (isInteger(value)) {
			return Long.toString(value.longValueExact());
		}
		return Double.toString(value.doubleValue());
	}

}
