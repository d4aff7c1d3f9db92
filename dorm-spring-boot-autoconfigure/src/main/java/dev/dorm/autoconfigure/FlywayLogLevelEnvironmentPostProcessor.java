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

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * {@link EnvironmentPostProcessor} that sets the level of the {@code org.flywaydb}
 * loggers to {@code WARN} unless the application sets {@code logging.level.org.flywaydb}
 * itself.
 * <p>
 * Flyway logs several {@code INFO} lines for every database it migrates, which floods the
 * log when thousands of tenant databases are created or migrated. dorm-spring logs one
 * line per migrated database instead. The default is added as the property source of
 * lowest precedence, so any value that the application sets wins, and it also applies to
 * a Flyway that migrates the application's own data source. It is not added when
 * {@code dorm.enabled} is {@code false}.
 */
class FlywayLogLevelEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	static final String PROPERTY = "logging.level.org.flywaydb";

	static final String PROPERTY_SOURCE_NAME = "dormFlywayLogLevel";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!environment.getProperty("dorm.enabled", Boolean.class, true) || environment.containsProperty(PROPERTY)
				|| environment.getPropertySources().contains(PROPERTY_SOURCE_NAME)) {
			return;
		}
		environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, Map.of(PROPERTY, "warn")));
	}

	/**
	 * Run after the application's configuration files are loaded, so that their
	 * {@code dorm.enabled} and logging levels are seen.
	 */
	@Override
	public int getOrder() {
		return ConfigDataEnvironmentPostProcessor.ORDER + 1;
	}

}
