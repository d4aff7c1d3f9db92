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

package dev.dorm.sample;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TodoRequests}.
 */
class TodoRequestsTests {

	@ParameterizedTest
	@CsvSource(textBlock = """
			0, 0
			7, 7
			007, 7
			1000, 1000
			1001, 1000
			99999999999999999999999, 1000
			'', -1
			-1, -1
			-0, -1
			+5, -1
			1.5, -1
			1e3, -1
			abc, -1
			' 5', -1
			'\u0665', -1
			""")
	void parseLimitAcceptsOnlyDigits(String limit, int expected) {
		assertThat(TodoRequests.parseLimit(limit, 1000)).isEqualTo(expected);
	}

	@Test
	void quoteKeepsShortValues() {
		assertThat(TodoRequests.quote("short")).isEqualTo("'short'");
		assertThat(TodoRequests.quote("")).isEqualTo("''");
	}

	@Test
	void quoteShortensLongValues() {
		assertThat(TodoRequests.quote("x".repeat(100))).isEqualTo("'" + "x".repeat(60) + "... (100 characters)'");
	}

}
