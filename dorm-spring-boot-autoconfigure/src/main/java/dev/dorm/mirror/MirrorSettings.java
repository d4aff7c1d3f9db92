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

package dev.dorm.mirror;

import java.util.ArrayList;
import java.util.List;

/**
 * Mirroring settings of one database kind.
 *
 * @since 0.1.0
 */
public class MirrorSettings {

	/**
	 * Tables that are never mirrored unless listed in {@link #getTables()}.
	 */
	public static final List<String> DEFAULT_EXCLUDED_TABLES = List.of("flyway_schema_history");

	private List<String> tables = new ArrayList<>();

	private List<String> excludedTables = new ArrayList<>(DEFAULT_EXCLUDED_TABLES);

	/**
	 * Return the tables to mirror.
	 * @return the table names, or an empty list for every table
	 */
	public List<String> getTables() {
		return this.tables;
	}

	/**
	 * Set the tables to mirror. Default is every table of the database except
	 * {@link #getExcludedTables()} and the tables of SQLite and dorm-spring.
	 * @param tables the table names
	 */
	public void setTables(List<String> tables) {
		this.tables = new ArrayList<>(tables);
	}

	/**
	 * Return the tables left out when every table is mirrored.
	 * @return the table names
	 */
	public List<String> getExcludedTables() {
		return this.excludedTables;
	}

	/**
	 * Set the tables left out when every table is mirrored. Default is Flyway's history
	 * table.
	 * @param excludedTables the table names
	 */
	public void setExcludedTables(List<String> excludedTables) {
		this.excludedTables = new ArrayList<>(excludedTables);
	}

	boolean includes(String table) {
		if (!this.tables.isEmpty()) {
			return this.tables.stream().anyMatch(table::equalsIgnoreCase);
		}
		return this.excludedTables.stream().noneMatch(table::equalsIgnoreCase);
	}

}
