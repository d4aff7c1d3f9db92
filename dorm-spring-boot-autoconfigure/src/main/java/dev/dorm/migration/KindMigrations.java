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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.migration.JavaMigration;
import org.jspecify.annotations.Nullable;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.util.StringUtils;

/**
 * The migrations of one database kind, read once: its SQL files, its JSON schema files
 * turned into SQL, its migrations written in code, the Flyway configuration that runs
 * them, and a stamp that changes whenever any of them changes.
 */
final class KindMigrations {

	private static final String CLASSPATH_PREFIX = "classpath:";

	private static final String FILESYSTEM_PREFIX = "filesystem:";

	private final String kind;

	private final List<PreloadedResource> resources;

	private final JsonSchemaMigrations jsonSchemas;

	private final List<SqlListMigration> codeMigrations;

	private final FluentConfiguration configuration;

	private final List<MigrationVersion> versions;

	private final int stamp;

	private KindMigrations(String kind, JsonSchemaMigrations jsonSchemas, List<SqlListMigration> codeMigrations,
			FluentConfiguration configuration) {
		this.kind = kind;
		this.resources = jsonSchemas.resources();
		this.jsonSchemas = jsonSchemas;
		this.codeMigrations = codeMigrations;
		this.configuration = configuration;
		this.versions = versions(this.resources, codeMigrations, configuration);
		this.stamp = stamp(this.resources, jsonSchemas.schemaFiles(), codeMigrations);
	}

	/**
	 * Read the migrations of one kind.
	 * @param kind the kind
	 * @param locations its Flyway locations, {@code classpath:} or {@code filesystem:}
	 * @param resolver resolves class path and file patterns
	 * @param codeMigrations its migrations written in code
	 * @param classLoader the class loader Flyway uses
	 * @param customizers customizers of the Flyway configuration
	 * @return the migrations
	 */
	static KindMigrations load(String kind, List<String> locations, ResourcePatternResolver resolver,
			List<SqlListMigration> codeMigrations, ClassLoader classLoader,
			List<DormFlywayConfigurationCustomizer> customizers) {
		List<PreloadedResource> resources = new ArrayList<>();
		for (String location : locations) {
			resources.addAll(scan(location, resolver));
		}
		resources.sort(Comparator.comparing(PreloadedResource::getAbsolutePath));
		FluentConfiguration configuration = Flyway.configure(classLoader)
			.javaMigrationClassProvider(List::of)
			.javaMigrations(codeMigrations.toArray(JavaMigration[]::new))
			.validateMigrationNaming(true);
		customizers.forEach((customizer) -> customizer.customize(kind, configuration));
		JsonSchemaMigrations jsonSchemas = JsonSchemaMigrations.convert(resources, configuration);
		configuration.resourceProvider(new PreloadedResourceProvider(jsonSchemas.resources()));
		return new KindMigrations(kind, jsonSchemas, List.copyOf(codeMigrations), configuration);
	}

	private static List<PreloadedResource> scan(String location, ResourcePatternResolver resolver) {
		try {
			if (location.startsWith(CLASSPATH_PREFIX)) {
				return scanClassPath(StringUtils.trimTrailingCharacter(
						StringUtils.trimLeadingCharacter(location.substring(CLASSPATH_PREFIX.length()), '/'), '/'),
						resolver);
			}
			if (location.startsWith(FILESYSTEM_PREFIX)) {
				return scanFileSystem(Path.of(location.substring(FILESYSTEM_PREFIX.length())), resolver);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Failed to read the migrations in '" + location + "'", ex);
		}
		throw new IllegalArgumentException("Unsupported migration location '" + location + "'; start it with '"
				+ CLASSPATH_PREFIX + "' or '" + FILESYSTEM_PREFIX + "'");
	}

	private static List<PreloadedResource> scanClassPath(String root, ResourcePatternResolver resolver)
			throws IOException {
		List<PreloadedResource> found = new ArrayList<>();
		for (Resource resource : resolver.getResources("classpath*:" + root + "/**/*")) {
			if (resource.isReadable() && resource.getFilename() != null) {
				String url = StringUtils.uriDecode(resource.getURL().toString(), StandardCharsets.UTF_8);
				int start = url.lastIndexOf(root + "/");
				String relativePath = url.substring(start + root.length() + 1);
				found.add(new PreloadedResource(CLASSPATH_PREFIX + root, relativePath,
						resource.getContentAsString(StandardCharsets.UTF_8)));
			}
		}
		return found;
	}

	private static List<PreloadedResource> scanFileSystem(Path root, ResourcePatternResolver resolver)
			throws IOException {
		Path base = root.toAbsolutePath().normalize();
		List<PreloadedResource> found = new ArrayList<>();
		for (Resource resource : resolver.getResources("file:" + base + "/**/*")) {
			if (resource.isReadable() && resource.isFile()) {
				String relativePath = base.relativize(resource.getFile().toPath()).toString().replace('\\', '/');
				found.add(new PreloadedResource(FILESYSTEM_PREFIX + base, relativePath,
						resource.getContentAsString(StandardCharsets.UTF_8)));
			}
		}
		return found;
	}

	private static List<MigrationVersion> versions(List<PreloadedResource> resources,
			List<SqlListMigration> codeMigrations, FluentConfiguration configuration) {
		List<MigrationVersion> versions = new ArrayList<>();
		String prefix = configuration.getSqlMigrationPrefix();
		String separator = configuration.getSqlMigrationSeparator();
		for (PreloadedResource resource : resources) {
			String filename = resource.getFilename();
			int end = filename.indexOf(separator);
			if (filename.startsWith(prefix) && end > prefix.length()) {
				versions.add(MigrationVersion.fromVersion(filename.substring(prefix.length(), end).replace('_', '.')));
			}
		}
		codeMigrations.forEach((migration) -> versions.add(migration.getVersion()));
		versions.sort(null);
		return versions;
	}

	private static int stamp(List<PreloadedResource> resources, List<PreloadedResource> schemaFiles,
			List<SqlListMigration> codeMigrations) {
		MessageDigest digest = sha256();
		for (PreloadedResource resource : resources) {
			update(digest, resource.getRelativePath());
			update(digest, resource.content());
		}
		for (PreloadedResource schemaFile : schemaFiles) {
			update(digest, schemaFile.getRelativePath());
			update(digest, schemaFile.content());
		}
		for (SqlListMigration migration : codeMigrations) {
			update(digest, migration.getVersion().getVersion());
			update(digest, migration.getDescription());
			migration.statements().forEach((statement) -> update(digest, statement));
		}
		byte[] hash = digest.digest();
		int value = ((hash[0] & 0x7f) << 24) | ((hash[1] & 0xff) << 16) | ((hash[2] & 0xff) << 8) | (hash[3] & 0xff);
		return (value != 0) ? value : 1;
	}

	private static void update(MessageDigest digest, String value) {
		digest.update(value.getBytes(StandardCharsets.UTF_8));
		digest.update((byte) 0);
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

	String kind() {
		return this.kind;
	}

	/**
	 * Return whether the kind has no migrations at all.
	 * @return whether there is nothing to migrate
	 */
	boolean isEmpty() {
		return this.resources.isEmpty() && this.codeMigrations.isEmpty() && !this.jsonSchemas.hasFailure();
	}

	/**
	 * Return the stamp written to {@code PRAGMA user_version} of a database once it has
	 * every migration of this kind. It is derived from the names and contents of the
	 * migrations, including the JSON schema files behind generated SQL, so any change to
	 * them makes every database look out of date and brings Flyway back in.
	 * @return the stamp, never 0
	 */
	int stamp() {
		return this.stamp;
	}

	/**
	 * Return the name of Flyway's history table.
	 * @return the table name
	 */
	String table() {
		return this.configuration.getTable();
	}

	/**
	 * Return the highest version of this kind.
	 * @return the version, or {@code null} if the kind has no versioned migrations
	 */
	@Nullable String targetVersion() {
		return this.versions.isEmpty() ? null : this.versions.get(this.versions.size() - 1).getVersion();
	}

	/**
	 * Return the first version after the given one.
	 * @param current the current version, or {@code null} for none
	 * @return the next version, or {@code null} if there is none
	 */
	@Nullable String versionAfter(@Nullable String current) {
		MigrationVersion after = (current != null) ? MigrationVersion.fromVersion(current) : null;
		for (MigrationVersion version : this.versions) {
			if (after == null || version.compareTo(after) > 0) {
				return version.getVersion();
			}
		}
		return null;
	}

	/**
	 * Create a Flyway instance that migrates the database behind a data source.
	 * @param dataSource the data source
	 * @return a Flyway instance
	 * @throws JsonSchemaMigrations.InvalidSchemaFileException if a JSON schema file of
	 * this kind is invalid
	 */
	Flyway flyway(DataSource dataSource) {
		this.jsonSchemas.validate();
		return Flyway.configure(this.configuration.getClassLoader())
			.configuration(this.configuration)
			.dataSource(dataSource)
			.load();
	}

}
