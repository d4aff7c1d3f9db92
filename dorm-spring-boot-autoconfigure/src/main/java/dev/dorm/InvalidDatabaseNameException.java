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

/**
 * Thrown when a database name is not valid: it could escape the data directory, is empty
 * or too long, or uses characters outside the allowed set. The message quotes the name
 * and states the rule it breaks.
 *
 * @since 0.1.0
 */
public class InvalidDatabaseNameException extends DormException {

	private final String name;

	private final String rule;

	/**
	 * Create a new exception.
	 * @param name the rejected name as given
	 * @param rule the rule the name breaks, as a sentence fragment
	 */
	public InvalidDatabaseNameException(String name, String rule) {
		super(null, "Invalid database name " + DatabaseName.quote(name) + ": " + rule);
		this.name = name;
		this.rule = rule;
	}

	/**
	 * Return the rejected name as it was given.
	 * @return the rejected name
	 */
	public String getName() {
		return this.name;
	}

	/**
	 * Return the rule that the name breaks.
	 * @return the rule
	 */
	public String getRule() {
		return this.rule;
	}

}
