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

import org.jspecify.annotations.Nullable;

/**
 * One column of a table, checked and ready to be written as SQL.
 *
 * @param name the column name
 * @param type how its values are stored
 * @param notNull whether it has a {@code NOT NULL} constraint
 * @param unique whether it has a {@code UNIQUE} constraint
 * @param defaultLiteral the SQL literal of its default, or {@code null} for none
 * @param checks the expressions of its {@code CHECK} constraints
 */
record Column(String name, ColumnType type, boolean notNull, boolean unique, @Nullable String defaultLiteral,
		List<String> checks) {

}
