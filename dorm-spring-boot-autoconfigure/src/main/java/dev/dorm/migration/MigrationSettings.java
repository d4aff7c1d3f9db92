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

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Settings of a {@link FlywayDatabaseInitializer}.
 *
 * @since 0.1.0
 */
public class MigrationSettings {

	/**
	 * Placeholder for the kind in a location.
	 */
	public static final String KIND_PLACEHOLDER = "{kind}";

	private List<String> locations = new ArrayList<>(List.of("classpath:db/dorm/" + KIND_PLACEHOLDER));

	private Map<String, List<String>> locationsByKind = new LinkedHashMap<>();

	private boolean useTemplates = true;

	/**
	 * Return the Flyway locations of kinds that have none of their own.
	 * @return the locations, which may contain {@value #KIND_PLACEHOLDER}
	 */
	public List<String> getLocations() {
		return this.locations;
	}

	/**
	 * Set the Flyway locations of kinds that have none of their own, as
	 * {@code classpath:} or {@code filesystem:} paths in which {@value #KIND_PLACEHOLDER}
	 * stands for the kind. Default is {@code classpath:db/dorm/{kind}}.
	 * @param locations the locations
	 */
	public void setLocations(List<String> locations) {
		this.locations = new ArrayList<>(locations);
	}

	/**
	 * Return the Flyway locations by kind.
	 * @return the locations by kind
	 */
	public Map<String, List<String>> getLocationsByKind() {
		return this.locationsByKind;
	}

	/**
	 * Set the Flyway locations of individual kinds, which replace {@link #getLocations()}
	 * for those kinds.
	 * @param locationsByKind the locations by kind
	 */
	public void setLocationsByKind(Map<String, List<String>> locationsByKind) {
		this.locationsByKind = new LinkedHashMap<>(locationsByKind);
	}

	/**
	 * Return whether new databases start as a copy of a migrated template.
	 * @return whether templates are used
	 */
	public boolean isUseTemplates() {
		return this.useTemplates;
	}

	/**
	 * Set whether new databases start as a copy of a template database that Flyway has
	 * already migrated, instead of running Flyway on each new file. Default is
	 * {@code true}.
	 * @param useTemplates whether templates are used
	 */
	public void setUseTemplates(boolean useTemplates) {
		this.useTemplates = useTemplates;
	}

	List<String> locationsOf(String kind) {
		List<String> own = this.locationsByKind.get(kind);
		if (own != null) {
			return own;
		}
		return this.locations.stream().map((location) -> location.replace(KIND_PLACEHOLDER, kind)).toList();
	}

}
