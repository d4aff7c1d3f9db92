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

/**
 * Counts the rows that dorm-spring's own triggers write on the current thread, such as
 * the records of mirroring's outbox, so that {@code rowsWritten} counts only the rows of
 * the caller's tables and of the caller's triggers. SQLite runs triggers on the thread
 * that executes the statement, so a counter of that thread counts every such row.
 *
 * @since 0.1.0
 */
public final class InternalWrites {

	private static final ThreadLocal<long[]> count = ThreadLocal.withInitial(() -> new long[1]);

	private InternalWrites() {
	}

	/**
	 * Record rows written by a dorm-spring trigger on the current thread.
	 * @param rows the number of rows
	 */
	public static void add(long rows) {
		count.get()[0] += rows;
	}

	/**
	 * Return the number of rows recorded on the current thread so far.
	 * @return the running total
	 */
	static long total() {
		return count.get()[0];
	}

}
