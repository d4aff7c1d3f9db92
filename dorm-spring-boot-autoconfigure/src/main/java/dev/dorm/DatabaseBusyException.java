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
 * Thrown when a connection to a database, or a slot among the open databases, did not
 * become free within the configured acquire timeout.
 *
 * @since 0.1.0
 */
public class DatabaseBusyException extends DormException {

	/**
	 * Create a new exception.
	 * @param databaseName the name of the database, or {@code null} if the wait was for a
	 * slot among all open databases
	 * @param message the detail message
	 */
	public DatabaseBusyException(@Nullable String databaseName, String message) {
		super(databaseName, message);
	}

}
