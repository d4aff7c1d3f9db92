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

package dev.dorm.migration;

import java.util.ArrayList;
import java.util.List;

import dev.dorm.DatabaseName;

import org.springframework.util.Assert;

/**
 * Migrations of one database kind written in code as numbered lists of SQL, the way DORM
 * users write them. Declare a bean of this type and its migrations run beside the SQL
 * files of the kind's Flyway locations:
 *
 * <pre class="code">
 * &#64;Bean
 * SqlMigrations todoMigrations() {
 *     return SqlMigrations.forKind("tenant")
 *         .version(1, "CREATE TABLE todos (id TEXT PRIMARY KEY, title TEXT NOT NULL)")
 *         .version(2, "ALTER TABLE todos ADD COLUMN done INTEGER NOT NULL DEFAULT 0");
 * }
 * </pre>
 *
 * Each version runs in its own transaction and is recorded in Flyway's history table like
 * a SQL file would be.
 *
 * @since 0.1.0
 */
public final class SqlMigrations {

	private final String kind;

	private final List<SqlListMigration> migrations = new ArrayList<>();

	private SqlMigrations(String kind) {
		this.kind = kind;
	}

	/**
	 * Start the migrations of one kind.
	 * @param kind the kind, such as {@code tenant}
	 * @return an empty set of migrations
	 */
	public static SqlMigrations forKind(String kind) {
		return new SqlMigrations(DatabaseName.validateKind(kind));
	}

	/**
	 * Add a version.
	 * @param version the version number
	 * @param statements its SQL statements, run in order
	 * @return this instance
	 */
	public SqlMigrations version(int version, String... statements) {
		return version(Integer.toString(version), "migration " + version, statements);
	}

	/**
	 * Add a version with a description.
	 * @param version the version, such as {@code 3} or {@code 3.1}
	 * @param description what the version does, shown in Flyway's history table
	 * @param statements its SQL statements, run in order
	 * @return this instance
	 */
	public SqlMigrations version(String version, String description, String... statements) {
		Assert.hasText(version, "'version' must not be empty");
		Assert.hasText(description, "'description' must not be empty");
		Assert.notEmpty(statements, () -> "Version " + version + " of kind '" + this.kind + "' has no statements");
		this.migrations.add(new SqlListMigration(version, description, List.of(statements)));
		return this;
	}

	/**
	 * Return the kind these migrations belong to.
	 * @return the kind
	 */
	public String getKind() {
		return this.kind;
	}

	List<SqlListMigration> migrations() {
		return this.migrations;
	}

}
