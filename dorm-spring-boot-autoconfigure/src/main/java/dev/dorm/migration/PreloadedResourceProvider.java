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

import java.util.Collection;
import java.util.List;

import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.resource.LoadableResource;
import org.jspecify.annotations.Nullable;

/**
 * Serves Flyway the migration files of one kind from memory.
 */
final class PreloadedResourceProvider implements ResourceProvider {

	private final List<PreloadedResource> resources;

	PreloadedResourceProvider(List<PreloadedResource> resources) {
		this.resources = resources;
	}

	@Override
	public @Nullable LoadableResource getResource(String name) {
		for (PreloadedResource resource : this.resources) {
			if (resource.getRelativePath().equals(name) || resource.getAbsolutePath().equals(name)) {
				return resource;
			}
		}
		return null;
	}

	@Override
	public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
		return this.resources.stream()
			.filter((resource) -> matches(resource.getFilename(), prefix, suffixes))
			.map(LoadableResource.class::cast)
			.toList();
	}

	private static boolean matches(String filename, String prefix, String[] suffixes) {
		if (!filename.startsWith(prefix)) {
			return false;
		}
		for (String suffix : suffixes) {
			if (filename.endsWith(suffix) && filename.length() > prefix.length() + suffix.length()) {
				return true;
			}
		}
		return false;
	}

}
