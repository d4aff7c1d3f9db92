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

import java.util.List;

import dev.dorm.DatabaseName;

/**
 * Target that the changes of a mirrored kind are applied to.
 */
interface MirrorTarget {

	/**
	 * Apply changes of one tenant in one transaction, in order. Applying a change twice
	 * has the effect of applying it once.
	 * @param tenant the tenant database the changes come from
	 * @param records the changes
	 * @param shapes reads the shape of the tenant's tables
	 * @throws Exception if the changes could not be applied; none of them is then
	 */
	void apply(DatabaseName tenant, List<OutboxRecord> records, ShapeSource shapes) throws Exception;

	/**
	 * Return whether the target responds at all, to tell an unreachable target from
	 * changes it rejects.
	 * @return whether the target is reachable
	 */
	boolean isAvailable();

	/**
	 * Describe the target for messages, such as {@code database 'aggregate:main'}.
	 * @return the description
	 */
	String describe();

	/**
	 * Reads the shape of a tenant table.
	 */
	@FunctionalInterface
	interface ShapeSource {

		TableShape shapeOf(String table) throws Exception;

	}

}
