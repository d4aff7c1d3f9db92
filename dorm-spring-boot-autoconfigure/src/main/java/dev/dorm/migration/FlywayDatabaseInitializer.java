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

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import dev.dorm.DatabaseName;
import dev.dorm.MigrationFailedException;
import dev.dorm.SqliteMessages;
import dev.dorm.registry.DatabaseInitializer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.jspecify.annotations.Nullable;

import org.springframework.core.io.ResourceLoader;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.core.io.support.ResourcePatternUtils;
import org.springframework.core.log.LogMessage;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;

/**
 * Migrates each tenant database with Flyway, once, right before its first use.
 * <p>
 * After a successful migration the database's {@code PRAGMA user_version} holds a stamp
 * of its kind's migrations; later opens compare that stamp, which costs one pragma, and
 * call Flyway only when it differs. A new database starts as a copy of a template that
 * Flyway already migrated, unless templates are switched off. A failed migration is
 * rolled back by Flyway and reported as a {@link MigrationFailedException} naming the
 * version and SQLite's message.
 *
 * @since 0.1.0
 */
public class FlywayDatabaseInitializer implements DatabaseInitializer {

	private static final Log logger = LogFactory.getLog(FlywayDatabaseInitializer.class);

	private static final int MAX_MESSAGE_LENGTH = 1000;

	private final ResourcePatternResolver resolver;

	private final ClassLoader classLoader;

	private final MigrationSettings settings;

	private final Map<String, List<SqlListMigration>> codeMigrations = new LinkedHashMap<>();

	private final List<DormFlywayConfigurationCustomizer> customizers;

	private final List<MigrationListener> listeners;

	private final Map<String, KindMigrations> kinds = new ConcurrentHashMap<>();

	private final TemplateDatabases templates = new TemplateDatabases(this::migrate);

	/**
	 * Create an initializer.
	 * @param resourceLoader loads the migration files
	 * @param settings the locations of the migration files and whether templates are used
	 * @param sqlMigrations migrations written in code
	 * @param customizers customizers of each kind's Flyway configuration
	 */
	public FlywayDatabaseInitializer(ResourceLoader resourceLoader, MigrationSettings settings,
			List<SqlMigrations> sqlMigrations, List<DormFlywayConfigurationCustomizer> customizers) {
		this(resourceLoader, settings, sqlMigrations, customizers, List.of());
	}

	/**
	 * Create an initializer.
	 * @param resourceLoader loads the migration files
	 * @param settings the locations of the migration files and whether templates are used
	 * @param sqlMigrations migrations written in code
	 * @param customizers customizers of each kind's Flyway configuration
	 * @param listeners receive the outcome of each database's migration
	 */
	public FlywayDatabaseInitializer(ResourceLoader resourceLoader, MigrationSettings settings,
			List<SqlMigrations> sqlMigrations, List<DormFlywayConfigurationCustomizer> customizers,
			List<MigrationListener> listeners) {
		Assert.notNull(resourceLoader, "'resourceLoader' must not be null");
		Assert.notNull(settings, "'settings' must not be null");
		Assert.notNull(listeners, "'listeners' must not be null");
		this.resolver = ResourcePatternUtils.getResourcePatternResolver(resourceLoader);
		ClassLoader loader = resourceLoader.getClassLoader();
		this.classLoader = (loader != null) ? loader : ClassUtils.getDefaultClassLoader();
		this.settings = settings;
		for (SqlMigrations migrations : sqlMigrations) {
			this.codeMigrations.computeIfAbsent(migrations.getKind(), (kind) -> new ArrayList<>())
				.addAll(migrations.migrations());
		}
		this.customizers = List.copyOf(customizers);
		this.listeners = List.copyOf(listeners);
	}

	/**
	 * Return the kinds that have migrations written in code.
	 * @return the kinds
	 */
	public Set<String> getCodeMigrationKinds() {
		return this.codeMigrations.keySet();
	}

	@Override
	public boolean isCurrent(DatabaseName name, Connection connection) throws SQLException {
		return userVersion(connection) == migrations(name.kind()).stamp();
	}

	@Override
	public void initialize(DatabaseName name, Connection connection) {
		KindMigrations migrations = migrations(name.kind());
		String before = null;
		long start = System.nanoTime();
		try {
			if (userVersion(connection) == migrations.stamp()) {
				return;
			}
			before = currentVersion(connection, migrations);
			migrate(connection, migrations);
			long nanos = System.nanoTime() - start;
			if (migrations.isEmpty()) {
				logger.debug(LogMessage.format("Marked database '%s' as current; kind '%s' has no migrations", name,
						name.kind()));
				return;
			}
			logger.info(LogMessage.format("Migrated database '%s' from version %s to %s in %d ms", name,
					(before != null) ? before : "none", migrations.targetVersion(),
					TimeUnit.NANOSECONDS.toMillis(nanos)));
			notifyMigrated(name, before, migrations.targetVersion(), nanos);
		}
		catch (FlywayException ex) {
			throw notifyFailed(name, failure(name, connection, migrations, ex), start);
		}
		catch (SQLException ex) {
			String failed = migrations.versionAfter(before);
			String message = SqliteMessages.message(ex);
			logger.warn(LogMessage.format("Migration of database '%s'%s failed: %s", name,
					(failed != null) ? " to version " + failed : "", message));
			throw notifyFailed(name, new MigrationFailedException(name.toString(), failed, before, message, ex), start);
		}
	}

	private void notifyMigrated(DatabaseName name, @Nullable String before, @Nullable String after, long nanos) {
		for (MigrationListener listener : this.listeners) {
			try {
				listener.migrated(name, before, after, nanos);
			}
			catch (RuntimeException ex) {
				logger.warn(LogMessage.format("Migration listener failed on database '%s'", name), ex);
			}
		}
	}

	private MigrationFailedException notifyFailed(DatabaseName name, MigrationFailedException failure, long start) {
		long nanos = System.nanoTime() - start;
		for (MigrationListener listener : this.listeners) {
			try {
				listener.failed(name, failure, nanos);
			}
			catch (RuntimeException ex) {
				logger.warn(LogMessage.format("Migration listener failed on database '%s'", name), ex);
			}
		}
		return failure;
	}

	@Override
	public boolean create(DatabaseName name, Path file, Connector connector) {
		if (!this.settings.isUseTemplates()) {
			return false;
		}
		KindMigrations migrations = migrations(name.kind());
		return !migrations.isEmpty() && this.templates.create(migrations, file, connector);
	}

	/**
	 * Return the version a database is at, read from Flyway's history table.
	 * @param name the database
	 * @param connection a connection to it
	 * @return the version, or {@code null} if it has none
	 */
	public @Nullable String currentVersion(DatabaseName name, Connection connection) {
		return currentVersion(connection, migrations(name.kind()));
	}

	/**
	 * Return the {@code PRAGMA user_version} of a database of the given kind once every
	 * migration of the kind has run. A database with another value is migrated when it is
	 * opened.
	 * @param kind the kind
	 * @return the stamp of the kind's migrations, never 0
	 */
	public int stamp(String kind) {
		return migrations(kind).stamp();
	}

	/**
	 * Return whether a kind has any migration, versioned or repeatable.
	 * @param kind the kind
	 * @return whether it has migrations
	 */
	public boolean hasMigrations(String kind) {
		return !migrations(kind).isEmpty();
	}

	/**
	 * Return the highest version of a kind's migrations.
	 * @param kind the kind
	 * @return the version, or {@code null} if the kind has no versioned migrations
	 */
	public @Nullable String targetVersion(String kind) {
		return migrations(kind).targetVersion();
	}

	private KindMigrations migrations(String kind) {
		return this.kinds.computeIfAbsent(kind, this::loadMigrations);
	}

	private KindMigrations loadMigrations(String kind) {
		List<String> locations = this.settings.locationsOf(kind);
		KindMigrations migrations = KindMigrations.load(kind, locations, this.resolver,
				this.codeMigrations.getOrDefault(kind, List.of()), this.classLoader, this.customizers);
		if (migrations.isEmpty()) {
			logger.info(LogMessage.format(
					"Kind '%s' has no migrations in %s and none declared in code, so its"
							+ " databases are created empty; check dorm.migrations.locations if it should have some",
					kind, locations));
		}
		return migrations;
	}

	private void migrate(Connection connection, KindMigrations migrations) throws SQLException {
		if (!migrations.isEmpty()) {
			migrations.flyway(new SingleConnectionDataSource(connection, true)).migrate();
		}
		try (Statement statement = connection.createStatement()) {
			statement.execute("PRAGMA user_version = " + migrations.stamp());
		}
	}

	private MigrationFailedException failure(DatabaseName name, Connection connection, KindMigrations migrations,
			FlywayException ex) {
		String current = currentVersion(connection, migrations);
		String failed = (ex instanceof FlywayValidateException) ? null : migrations.versionAfter(current);
		if (ex instanceof JsonSchemaMigrations.InvalidSchemaFileException invalid) {
			failed = invalid.getVersion();
		}
		String message = message(ex);
		logger.warn(LogMessage.format("Migration of database '%s'%s failed: %s", name,
				(failed != null) ? " to version " + failed : "", message));
		return new MigrationFailedException(name.toString(), failed, current, message, ex);
	}

	private static String message(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof SQLException sqlException) {
				return SqliteMessages.message(sqlException);
			}
		}
		StringBuilder message = new StringBuilder();
		for (String line : String.valueOf(ex.getMessage()).split("\n")) {
			String text = line.strip();
			if (!text.isEmpty() && !text.contains("http://") && !text.contains("https://")) {
				message.append((message.length() > 0) ? "; " : "").append(text);
			}
		}
		return (message.length() > MAX_MESSAGE_LENGTH) ? message.substring(0, MAX_MESSAGE_LENGTH) + "..."
				: message.toString();
	}

	private static int userVersion(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("PRAGMA user_version")) {
			return result.next() ? result.getInt(1) : 0;
		}
	}

	private static @Nullable String currentVersion(Connection connection, KindMigrations migrations) {
		String table = "\"" + migrations.table().replace("\"", "\"\"") + "\"";
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT version FROM " + table
						+ " WHERE success = 1 AND version IS NOT NULL ORDER BY installed_rank DESC LIMIT 1")) {
			return result.next() ? result.getString(1) : null;
		}
		catch (SQLException ex) {
			return null;
		}
	}

}
