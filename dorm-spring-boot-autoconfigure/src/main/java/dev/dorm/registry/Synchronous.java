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
 * Values of SQLite's {@code synchronous} setting, which decides when a commit waits for
 * the disk.
 *
 * @since 0.1.0
 */
public enum Synchronous {

	/**
	 * Never wait for the disk: a power loss can lose or corrupt recent commits.
	 */
	OFF,

	/**
	 * In WAL mode, wait for the disk only at checkpoints: a power loss can lose the most
	 * recent commits but never corrupts the database.
	 */
	NORMAL,

	/**
	 * Wait for the disk at every commit, so a commit that returned survives a power loss.
	 */
	FULL,

	/**
	 * As {@link #FULL}, and also wait after the journal of a deleted database is removed.
	 */
	EXTRA

}
