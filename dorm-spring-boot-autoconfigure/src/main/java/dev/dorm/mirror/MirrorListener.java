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

import dev.dorm.DatabaseName;

/**
 * Callback for events of the mirror relay, for metrics and monitoring. Methods are called
 * on relay threads and must return quickly.
 *
 * @since 0.1.0
 */
public interface MirrorListener {

	/**
	 * Called for each change applied to the mirror.
	 * @param tenant the database the change came from
	 * @param lagMillis the time from the change's commit to its application
	 */
	default void applied(DatabaseName tenant, long lagMillis) {
	}

	/**
	 * Called when applying changes of a tenant failed and will be tried again.
	 * @param tenant the database the changes came from
	 * @param targetReachable whether the target responded, in which case the failure
	 * counts towards parking the change
	 * @param ex the failure
	 */
	default void failed(DatabaseName tenant, boolean targetReachable, Exception ex) {
	}

	/**
	 * Called when a change was parked after failing too often.
	 * @param tenant the database the change came from
	 * @param record the parked change
	 */
	default void parked(DatabaseName tenant, OutboxRecord record) {
	}

}
