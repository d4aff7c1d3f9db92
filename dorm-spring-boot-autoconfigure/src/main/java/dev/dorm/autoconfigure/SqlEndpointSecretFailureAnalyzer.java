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

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports an invalid SQL endpoint secret in Spring Boot's "APPLICATION FAILED TO START"
 * block instead of a stack trace, without printing the secret.
 */
class SqlEndpointSecretFailureAnalyzer extends AbstractFailureAnalyzer<InvalidSqlEndpointSecretException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidSqlEndpointSecretException cause) {
		return new FailureAnalysis(cause.getMessage(),
				"Set 'dorm.sql-endpoint.secret' to a random value of at least 16 characters, such as the output of"
						+ " 'openssl rand -hex 32', or remove it to turn the SQL endpoint off.",
				cause);
	}

}
