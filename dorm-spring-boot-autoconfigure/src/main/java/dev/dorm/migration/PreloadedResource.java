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

import java.io.Reader;
import java.io.StringReader;

import org.flywaydb.core.api.resource.LoadableResource;

/**
 * A migration file read into memory once, so Flyway does not scan or read the class path
 * again for every database.
 */
final class PreloadedResource extends LoadableResource {

	private final String location;

	private final String relativePath;

	private final String content;

	PreloadedResource(String location, String relativePath, String content) {
		this.location = location;
		this.relativePath = relativePath;
		this.content = content;
	}

	@Override
	public Reader read() {
		return new StringReader(this.content);
	}

	@Override
	public String getAbsolutePath() {
		return this.location + "/" + this.relativePath;
	}

	@Override
	public String getAbsolutePathOnDisk() {
		return getAbsolutePath();
	}

	@Override
	public String getFilename() {
		int slash = this.relativePath.lastIndexOf('/');
		return (slash >= 0) ? this.relativePath.substring(slash + 1) : this.relativePath;
	}

	@Override
	public String getRelativePath() {
		return this.relativePath;
	}

	String location() {
		return this.location;
	}

	String content() {
		return this.content;
	}

}
