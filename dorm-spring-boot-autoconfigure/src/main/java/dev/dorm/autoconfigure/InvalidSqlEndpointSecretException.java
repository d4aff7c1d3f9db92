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
package dev.dorm.autoconfigure;

/**
 * Thrown when {@code dorm.sql-endpoint.secret} is set to a value that cannot serve as the
 * endpoint's secret. The message never contains the value.
 */
class InvalidSqlEndpointSecretException extends IllegalStateException {

	InvalidSqlEndpointSecretException(String reason) {
		super("Invalid value for configuration property 'dorm.sql-endpoint.secret': " + reason);
	}

}
