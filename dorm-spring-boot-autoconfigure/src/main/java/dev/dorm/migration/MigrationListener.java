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

import dev.dorm.DatabaseName;
import dev.dorm.MigrationFailedException;
import org.jspecify.annotations.Nullable;

/**
 * Callback for the migrations that a {@link FlywayDatabaseInitializer} runs on single
 * databases, for metrics and monitoring. It is not called for the template databases that
 * new databases are copied from, nor for databases that were already current. Methods are
 * called on the migrating thread and must return quickly. An exception thrown by a
 * listener is logged and does not affect the migration.
 *
 * @since 0.1.0
 */
public interface MigrationListener {

	/**
	 * Called after a database was migrated.
	 * @param name the database
	 * @param fromVersion the version it was at, or {@code null} if it had none
	 * @param toVersion the version it is at now, or {@code null} if its kind has only
	 * repeatable migrations
	 * @param nanos the time the migration took, in nanoseconds
	 */
	default void migrated(DatabaseName name, @Nullable String fromVersion, @Nullable String toVersion, long nanos) {
	}

	/**
	 * Called after the migration of a database failed and was rolled back.
	 * @param name the database
	 * @param failure the failure, with the failed version and SQLite's message
	 * @param nanos the time until the failure, in nanoseconds
	 */
	default void failed(DatabaseName name, MigrationFailedException failure, long nanos) {
	}

}
