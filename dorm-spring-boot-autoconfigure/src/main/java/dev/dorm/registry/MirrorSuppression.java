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

import java.util.function.Supplier;

/**
 * Marks writes of the current thread that must not be mirrored. Mirroring's change
 * capture runs inside SQLite on the thread that executes the statement, so a flag of that
 * thread decides whether a write is recorded.
 *
 * @since 0.1.0
 * @see dev.dorm.DormDatabase#withoutMirror()
 */
public final class MirrorSuppression {

	private static final ThreadLocal<Boolean> suppressed = new ThreadLocal<>();

	private MirrorSuppression() {
	}

	/**
	 * Return whether writes of the current thread are excluded from mirroring.
	 * @return whether mirroring is suppressed
	 */
	public static boolean isSuppressed() {
		return suppressed.get() != null;
	}

	/**
	 * Run an action whose writes are not mirrored.
	 * @param <T> the type of the result
	 * @param action the action
	 * @return its result
	 */
	public static <T> T call(Supplier<T> action) {
		if (isSuppressed()) {
			return action.get();
		}
		suppressed.set(Boolean.TRUE);
		try {
			return action.get();
		}
		finally {
			suppressed.remove();
		}
	}

	/**
	 * Start excluding the writes of the current thread from mirroring.
	 * @return whether this call started it; pass the value to {@link #end(boolean)}
	 */
	static boolean begin() {
		if (isSuppressed()) {
			return false;
		}
		suppressed.set(Boolean.TRUE);
		return true;
	}

	/**
	 * End what {@link #begin()} started.
	 * @param started the value {@link #begin()} returned
	 */
	static void end(boolean started) {
		if (started) {
			suppressed.remove();
		}
	}

}
