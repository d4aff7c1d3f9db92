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

import java.nio.charset.StandardCharsets;
import java.sql.Statement;
import java.util.List;
import java.util.zip.CRC32;

import dev.dorm.sql.SqlScript;
import dev.dorm.sql.SqlStatement;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * One version of {@link SqlMigrations}, presented to Flyway as a Java migration.
 */
final class SqlListMigration implements JavaMigration {

	private final MigrationVersion version;

	private final String description;

	private final List<String> statements;

	SqlListMigration(String version, String description, List<String> statements) {
		this.version = MigrationVersion.fromVersion(version);
		this.description = description;
		this.statements = statements;
	}

	@Override
	public MigrationVersion getVersion() {
		return this.version;
	}

	@Override
	public String getDescription() {
		return this.description;
	}

	@Override
	public Integer getChecksum() {
		CRC32 crc = new CRC32();
		for (String statement : this.statements) {
			crc.update(statement.getBytes(StandardCharsets.UTF_8));
			crc.update(0);
		}
		return (int) crc.getValue();
	}

	@Override
	public boolean canExecuteInTransaction() {
		return true;
	}

	@Override
	public void migrate(Context context) throws Exception {
		try (Statement statement = context.getConnection().createStatement()) {
			for (String script : this.statements) {
				for (SqlStatement sql : SqlScript.parse(script)) {
					statement.execute(sql.text());
				}
			}
		}
	}

	List<String> statements() {
		return this.statements;
	}

}
