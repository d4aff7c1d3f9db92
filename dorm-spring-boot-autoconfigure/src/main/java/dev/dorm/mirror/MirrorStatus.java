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

import java.util.Map;

/**
 * A snapshot of the mirror relay's progress.
 *
 * @param pendingDatabases the number of databases with changes not yet applied
 * @param lagMillis the age of the oldest change not yet applied, or 0 if there is none
 * @param appliedRecords the number of changes applied since the relay started
 * @param failedAttempts the number of failed attempts since the relay started
 * @param parkedRecords the number of parked changes by database, for databases that have
 * any
 * @since 0.1.0
 */
public record MirrorStatus(int pendingDatabases, long lagMillis, long appliedRecords, long failedAttempts,
		Map<String, Long> parkedRecords) {

	/**
	 * Return the number of parked changes of all databases.
	 * @return the total number of parked changes
	 */
	public long totalParkedRecords() {
		return this.parkedRecords.values().stream().mapToLong(Long::longValue).sum();
	}

}
