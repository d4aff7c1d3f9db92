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

package dev.dorm.registry;

import java.nio.file.Path;
import java.util.List;

import dev.dorm.DatabaseName;
import dev.dorm.DormClient;
import dev.dorm.DormDatabase;
import dev.dorm.TenantContext;

import org.springframework.util.Assert;

/**
 * The {@link DormClient} of a {@link TenantDatabaseRegistry}.
 *
 * @since 0.1.0
 */
public class DefaultDormClient implements DormClient {

	private final TenantDatabaseRegistry registry;

	private final SqlClassifier classifier = new SqlClassifier();

	/**
	 * Create a client for the given registry.
	 * @param registry the registry
	 */
	public DefaultDormClient(TenantDatabaseRegistry registry) {
		Assert.notNull(registry, "'registry' must not be null");
		this.registry = registry;
	}

	@Override
	public DormDatabase database(String name) {
		return database(parseName(name));
	}

	@Override
	public DormDatabase database(DatabaseName name) {
		Assert.notNull(name, "'name' must not be null");
		this.registry.checkKind(name);
		return new RegistryDormDatabase(this.registry, this.classifier, name);
	}

	@Override
	public DormDatabase current() {
		return database(TenantContext.requireTenant());
	}

	@Override
	public DatabaseName parseName(String name) {
		return this.registry.parse(name);
	}

	@Override
	public List<DatabaseName> list(String kind) {
		return this.registry.list(kind);
	}

	@Override
	public boolean exists(String name) {
		return this.registry.exists(parseName(name));
	}

	@Override
	public long size(String name) {
		return this.registry.size(parseName(name));
	}

	@Override
	public boolean delete(String name) {
		return this.registry.delete(parseName(name));
	}

	@Override
	public void backup(String name, Path target) {
		this.registry.backup(parseName(name), target);
	}

}
