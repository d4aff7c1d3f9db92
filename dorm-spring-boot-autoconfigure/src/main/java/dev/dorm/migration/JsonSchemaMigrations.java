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
import java.util.List;

import dev.dorm.schema.InvalidSchemaException;
import dev.dorm.schema.JsonSchemaToSql;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.Configuration;
import org.jspecify.annotations.Nullable;

/**
 * Versioned migrations written as JSON schema files, such as {@code V1__todos.json},
 * served to Flyway as the SQL that {@link JsonSchemaToSql} generates from them.
 * <p>
 * A file whose name starts with Flyway's versioned migration prefix, has the separator
 * after the version and ends in {@code .json} is replaced by a resource of the same path
 * that ends in Flyway's first SQL migration suffix, {@code .sql} by default, so it keeps
 * its version and description. Its content is the generated statements, each ended by
 * {@code ;} and a line break. Each generated resource also gets a script configuration
 * that turns placeholder replacement off, because a generated name or default may contain
 * Flyway's placeholder prefix <code>${</code> as plain text. Other JSON files stay as
 * they are, and Flyway ignores them.
 */
final class JsonSchemaMigrations {

	private static final String JSON_SUFFIX = ".json";

	private static final String SCRIPT_CONFIGURATION_SUFFIX = ".conf";

	private static final String SCRIPT_CONFIGURATION = "placeholderReplacement=false\n";

	private static final List<String> CREATE_PREFIXES = List.of("CREATE TABLE ", "CREATE INDEX ",
			"CREATE UNIQUE INDEX ");

	private final List<PreloadedResource> resources;

	private final List<PreloadedResource> schemaFiles;

	private final @Nullable InvalidSchemaFileException failure;

	private JsonSchemaMigrations(List<PreloadedResource> resources, List<PreloadedResource> schemaFiles,
			@Nullable InvalidSchemaFileException failure) {
		this.resources = List.copyOf(resources);
		this.schemaFiles = List.copyOf(schemaFiles);
		this.failure = failure;
	}

	/**
	 * Replace the versioned JSON schema files among the scanned files by the SQL
	 * migrations generated from them. An invalid schema file is left out and recorded, so
	 * that {@link #validate()} fails every migration of the kind with its message.
	 * @param scanned the files of the kind's locations
	 * @param configuration the kind's Flyway configuration, after customization
	 * @return the converted migrations
	 */
	static JsonSchemaMigrations convert(List<PreloadedResource> scanned, Configuration configuration) {
		String prefix = configuration.getSqlMigrationPrefix();
		String separator = configuration.getSqlMigrationSeparator();
		String suffix = configuration.getSqlMigrationSuffixes()[0];
		List<PreloadedResource> resources = new ArrayList<>();
		List<PreloadedResource> schemaFiles = new ArrayList<>();
		InvalidSchemaFileException failure = null;
		for (PreloadedResource resource : scanned) {
			String filename = resource.getFilename();
			int versionEnd = filename.indexOf(separator, prefix.length());
			if (!filename.startsWith(prefix) || !filename.endsWith(JSON_SUFFIX) || versionEnd <= prefix.length()) {
				resources.add(resource);
				continue;
			}
			schemaFiles.add(resource);
			String relativePath = resource.getRelativePath();
			String sqlPath = relativePath.substring(0, relativePath.length() - JSON_SUFFIX.length()) + suffix;
			try {
				List<String> statements = new ArrayList<>();
				for (String statement : JsonSchemaToSql.toSql(withoutByteOrderMark(resource.content()))) {
					statements.add(withoutIfNotExists(statement));
				}
				String sql = String.join(";\n", statements) + ";\n";
				resources.add(new PreloadedResource(resource.location(), sqlPath, sql));
				resources.add(new PreloadedResource(resource.location(), sqlPath + SCRIPT_CONFIGURATION_SUFFIX,
						SCRIPT_CONFIGURATION));
			}
			catch (InvalidSchemaException ex) {
				if (failure == null) {
					String version = filename.substring(prefix.length(), versionEnd).replace('_', '.');
					failure = new InvalidSchemaFileException(version,
							"Invalid JSON schema in migration '" + resource.getAbsolutePath() + "': " + ex.getMessage(),
							ex);
				}
			}
		}
		return new JsonSchemaMigrations(resources, schemaFiles, failure);
	}

	/**
	 * Turn a generated {@code CREATE ... IF NOT EXISTS} into a plain {@code CREATE}. A
	 * versioned migration then fails on a table or index that already exists, with
	 * SQLite's "already exists" message, instead of reporting success while the older
	 * table stays as it was.
	 */
	private static String withoutIfNotExists(String statement) {
		for (String create : CREATE_PREFIXES) {
			String ifNotExists = create + "IF NOT EXISTS ";
			if (statement.startsWith(ifNotExists)) {
				return create + statement.substring(ifNotExists.length());
			}
		}
		return statement;
	}

	/**
	 * Remove the byte order mark that some editors write at the start of a UTF-8 file,
	 * because Jackson rejects it at the start of a JSON string.
	 */
	private static String withoutByteOrderMark(String content) {
		return content.startsWith("\uFEFF") ? content.substring(1) : content;
	}

	/**
	 * Return the migration files to serve to Flyway, with the JSON schema files replaced
	 * by generated SQL.
	 * @return the resources
	 */
	List<PreloadedResource> resources() {
		return this.resources;
	}

	/**
	 * Return the versioned JSON schema files as scanned, valid or not.
	 * @return the schema files
	 */
	List<PreloadedResource> schemaFiles() {
		return this.schemaFiles;
	}

	/**
	 * Return whether a JSON schema file is invalid.
	 * @return whether a schema file failed to convert
	 */
	boolean hasFailure() {
		return this.failure != null;
	}

	/**
	 * Throw if a JSON schema file of the kind is invalid.
	 * @throws InvalidSchemaFileException naming the first invalid file
	 */
	void validate() {
		if (this.failure != null) {
			throw new InvalidSchemaFileException(this.failure.getVersion(), this.failure.getMessage(),
					this.failure.getCause());
		}
	}

	/**
	 * Thrown in place of a Flyway run when a JSON schema file of the kind is invalid.
	 */
	static final class InvalidSchemaFileException extends FlywayException {

		private final String version;

		InvalidSchemaFileException(String version, String message, @Nullable Throwable cause) {
			super(message, cause);
			this.version = version;
		}

		/**
		 * Return the version of the invalid file.
		 * @return the version, such as {@code 1} or {@code 2.1}
		 */
		String getVersion() {
			return this.version;
		}

	}

}
