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
 * Thrown when code tries to bind another tenant while a Spring-managed transaction holds
 * a connection to the current tenant's database. Statements after the switch would
 * otherwise still run on the first tenant's connection.
 *
 * @since 0.1.0
 */
public class TenantSwitchException extends DormException {

	/**
	 * Create a new exception.
	 * @param message the detail message
	 */
	public TenantSwitchException(String message) {
		super(null, message);
	}

}
