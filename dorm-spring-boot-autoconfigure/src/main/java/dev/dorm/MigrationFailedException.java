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

import org.jspecify.annotations.Nullable;

/**
 * Thrown when a database could not be migrated to the current version of its kind. The
 * failed version was rolled back, so the database stays at its previous version, and
 * calls to it fail with this exception until a corrected migration applies. Other
 * databases are not affected.
 *
 * @since 0.1.0
 */
public class MigrationFailedException extends DormException {

	private final @Nullable String version;

	private final @Nullable String currentVersion;

	private final String sqliteMessage;

	/**
	 * Create a new exception.
	 * @param databaseName the name of the database
	 * @param version the version that failed, or {@code null} if the failure happened
	 * before any version ran (for example while validating)
	 * @param currentVersion the version the database stays at, or {@code null} if it has
	 * none
	 * @param sqliteMessage the message of the failure, SQLite's own where SQLite failed
	 * @param cause the cause
	 */
	public MigrationFailedException(String databaseName, @Nullable String version, @Nullable String currentVersion,
			String sqliteMessage, @Nullable Throwable cause) {
		super(databaseName, buildMessage(databaseName, version, currentVersion, sqliteMessage), cause);
		this.version = version;
		this.currentVersion = currentVersion;
		this.sqliteMessage = sqliteMessage;
	}

	private static String buildMessage(String databaseName, @Nullable String version, @Nullable String currentVersion,
			String sqliteMessage) {
		String target = (version != null) ? " to version " + version : "";
		String stays = (currentVersion != null) ? "stays at version " + currentVersion : "has no version applied";
		return "Migration of database '" + databaseName + "'" + target + " failed: " + sqliteMessage + "; the database "
				+ stays + " and its calls fail until a corrected migration applies";
	}

	/**
	 * Return the version whose migration failed.
	 * @return the version, or {@code null} if no version ran
	 */
	public @Nullable String getVersion() {
		return this.version;
	}

	/**
	 * Return the version the database stays at.
	 * @return the version, or {@code null} if the database has no version applied
	 */
	public @Nullable String getCurrentVersion() {
		return this.currentVersion;
	}

	/**
	 * Return the message of the failure, SQLite's own where SQLite failed.
	 * @return the message
	 */
	public String getSqliteMessage() {
		return this.sqliteMessage;
	}

}
