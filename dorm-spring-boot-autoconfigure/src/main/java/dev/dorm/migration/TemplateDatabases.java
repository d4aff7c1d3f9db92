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
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import dev.dorm.registry.DatabaseFiles;
import dev.dorm.registry.DatabaseInitializer.Connector;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.log.LogMessage;

/**
 * Creates new databases as copies of a template that is already migrated, which costs a
 * file copy instead of a Flyway run per database.
 * <p>
 * A kind's template lives in the kind's folder as {@code .template-<stamp>.db}, where the
 * stamp identifies the migrations it holds, so a changed migration set builds a new
 * template. Templates are written to a temporary file and renamed into place, and copies
 * are hard-linked into place, so no process ever sees a partial file.
 */
final class TemplateDatabases {

	private static final Log logger = LogFactory.getLog(TemplateDatabases.class);

	private static final String TEMPLATE_PREFIX = ".template-";

	private static final Duration RETRY_INTERVAL = Duration.ofMinutes(1);

	private final Map<String, Long> failedAt = new ConcurrentHashMap<>();

	private final Migrator migrator;

	TemplateDatabases(Migrator migrator) {
		this.migrator = migrator;
	}

	/**
	 * Create a database file as a copy of its kind's template, building the template
	 * first if needed.
	 * @param migrations the migrations of the kind
	 * @param file the file to create
	 * @param connector opens connections for building the template
	 * @return whether the file was created
	 */
	boolean create(KindMigrations migrations, Path file, Connector connector) {
		Path template = template(migrations, file.getParent(), connector);
		if (template == null) {
			return false;
		}
		Path temporary = file.resolveSibling(".creating-" + UUID.randomUUID() + ".tmp");
		try {
			Files.copy(template, temporary);
			linkOrMove(temporary, file);
			return true;
		}
		catch (FileAlreadyExistsException ex) {
			return true;
		}
		catch (IOException ex) {
			logger.warn(LogMessage.format("Failed to copy the template of kind '%s' to '%s'", migrations.kind(), file),
					ex);
			return false;
		}
		finally {
			deleteQuietly(temporary);
		}
	}

	private static void linkOrMove(Path source, Path target) throws IOException {
		try {
			Files.createLink(target, source);
		}
		catch (UnsupportedOperationException ex) {
			Files.move(source, target);
		}
	}

	private @Nullable Path template(KindMigrations migrations, Path directory, Connector connector) {
		Path template = directory.resolve(TEMPLATE_PREFIX + Integer.toHexString(migrations.stamp()) + ".db");
		if (Files.isRegularFile(template)) {
			return template;
		}
		synchronized (this) {
			if (Files.isRegularFile(template)) {
				return template;
			}
			Long failed = this.failedAt.get(migrations.kind());
			if (failed != null && System.nanoTime() - failed < RETRY_INTERVAL.toNanos()) {
				return null;
			}
			return build(migrations, directory, template, connector);
		}
	}

	private @Nullable Path build(KindMigrations migrations, Path directory, Path template, Connector connector) {
		Path temporary = directory.resolve(TEMPLATE_PREFIX + UUID.randomUUID() + ".tmp");
		try {
			try (Connection connection = connector.open(temporary)) {
				this.migrator.migrate(connection, migrations);
				connector.templateMigrated(migrations.kind(), connection);
				try (Statement statement = connection.createStatement()) {
					statement.execute("PRAGMA wal_checkpoint(TRUNCATE)");
				}
			}
			Files.move(temporary, template, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			this.failedAt.remove(migrations.kind());
			deleteOtherTemplates(directory, template);
			logger.debug(LogMessage.format("Built the template of kind '%s'", migrations.kind()));
			return template;
		}
		catch (SQLException | IOException | RuntimeException ex) {
			this.failedAt.put(migrations.kind(), System.nanoTime());
			logger.warn(LogMessage.format(
					"Failed to build the template of kind '%s'; "
							+ "new databases of this kind are migrated one by one: %s",
					migrations.kind(), ex.getMessage()));
			return null;
		}
		finally {
			deleteQuietly(temporary);
		}
	}

	private static void deleteOtherTemplates(Path directory, Path keep) throws IOException {
		try (DirectoryStream<Path> templates = Files.newDirectoryStream(directory, TEMPLATE_PREFIX + "*.db")) {
			for (Path template : templates) {
				if (!template.equals(keep)) {
					Files.deleteIfExists(template);
				}
			}
		}
	}

	private static void deleteQuietly(Path file) {
		try {
			Files.deleteIfExists(file);
			for (Path companion : DatabaseFiles.companions(file)) {
				Files.deleteIfExists(companion);
			}
		}
		catch (IOException ex) {
			logger.debug(LogMessage.format("Failed to delete '%s'", file), ex);
		}
	}

	/**
	 * Runs the migrations of a kind on one connection.
	 */
	@FunctionalInterface
	interface Migrator {

		void migrate(Connection connection, KindMigrations migrations) throws SQLException;

	}

}
