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

package dev.dorm.migration;

import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * Callback to customize the Flyway configuration of one database kind, such as its
 * placeholders or callbacks. Locations, the resource provider and Java migrations are set
 * by dorm-spring and should not be changed here. A resource provider set here is
 * replaced.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface DormFlywayConfigurationCustomizer {

	/**
	 * Customize the Flyway configuration of one kind.
	 * @param kind the kind
	 * @param configuration the configuration to customize
	 */
	void customize(String kind, FluentConfiguration configuration);

}
