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

package dev.dorm.registry;

import dev.dorm.DatabaseName;

/**
 * Callback for the opening and closing of databases by a {@link TenantDatabaseRegistry},
 * for metrics and monitoring. Methods are called on the thread that opens or closes the
 * database and must return quickly. An exception thrown by a listener is logged and does
 * not affect the registry.
 *
 * @since 0.1.0
 */
public interface RegistryListener {

	/**
	 * Called after a database was opened, and created, initialized and migrated if
	 * needed, before its first caller uses it.
	 * @param name the database
	 * @param created whether its file did not exist when the open started
	 * @param nanos the time the open took, in nanoseconds
	 */
	default void databaseOpened(DatabaseName name, boolean created, long nanos) {
	}

	/**
	 * Called after an open database was closed. Not called when the registry itself
	 * closes.
	 * @param name the database
	 * @param reason why it was closed
	 */
	default void databaseClosed(DatabaseName name, CloseReason reason) {
	}

	/**
	 * Reasons for closing an open database.
	 */
	enum CloseReason {

		/**
		 * It was not used for the idle timeout.
		 */
		IDLE,

		/**
		 * It was the least recently used database when another one had to be opened while
		 * the maximum number of databases was open.
		 */
		LRU,

		/**
		 * A caller closed it with {@link TenantDatabaseRegistry#close(DatabaseName)}.
		 */
		CLOSED,

		/**
		 * It was deleted.
		 */
		DELETED

	}

}
