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

package dev.dorm;

import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the JSON form of {@link DatabaseName}.
 */
class DatabaseNameJsonTests {

	@Test
	void nameIsWrittenAsCanonicalString() {
		JsonMapper mapper = JsonMapper.builder().build();
		List<DatabaseName> names = List.of(DatabaseName.of("tenant", "acme"), DatabaseName.of("user", "42"));
		assertThat(mapper.writeValueAsString(names)).isEqualTo("[\"tenant:acme\",\"user:42\"]");
	}

}
