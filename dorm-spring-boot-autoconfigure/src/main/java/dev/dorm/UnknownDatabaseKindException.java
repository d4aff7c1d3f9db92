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

import java.util.Collection;

/**
 * Thrown when a database name uses a kind that is not configured. Kinds are declared
 * under {@code dorm.kinds}, by the default kind, or by migrations registered in code, so
 * that a request cannot create folders for arbitrary kinds.
 *
 * @since 0.1.0
 */
public class UnknownDatabaseKindException extends DormException {

	private final String kind;

	/**
	 * Create a new exception.
	 * @param name the database name that uses the kind
	 * @param kind the unknown kind
	 * @param knownKinds the kinds that are configured
	 */
	public UnknownDatabaseKindException(String name, String kind, Collection<String> knownKinds) {
		super(null, "Unknown database kind '" + kind + "' in " + DatabaseName.quote(name)
				+ "; declare it under 'dorm.kinds." + kind + "' or use one of " + knownKinds);
		this.kind = kind;
	}

	/**
	 * Return the unknown kind.
	 * @return the kind
	 */
	public String getKind() {
		return this.kind;
	}

}
