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

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import dev.dorm.DatabaseName;
import dev.dorm.InvalidDatabaseNameException;
import dev.dorm.migration.MigrationSettings;
import dev.dorm.registry.RegistrySettings;
import dev.dorm.web.SqlEndpointSettings;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.StringUtils;
import org.springframework.util.unit.DataSize;

/**
 * Checks {@link DormProperties} and maps them to the settings of the registry and the
 * migrations. A value out of range fails the application start with a message naming the
 * property, the value and the rule.
 */
final class DormSettingsMapper {

	/**
	 * Prefix of a mirror target that names a DataSource bean.
	 */
	static final String BEAN_TARGET_PREFIX = "bean:";

	private static final DataSize MIN_MAX_SIZE = DataSize.ofKilobytes(64);

	private static final DataSize MIN_REQUEST_SIZE = DataSize.ofKilobytes(1);

	/**
	 * Largest accepted request size limit: the endpoint reads a body into one byte array.
	 */
	private static final DataSize MAX_REQUEST_SIZE = DataSize.ofMegabytes(1024);

	/**
	 * Shortest accepted admin secret of the SQL endpoint.
	 */
	static final int MIN_SECRET_LENGTH = 16;

	private static final Pattern ENDPOINT_PREFIX = Pattern.compile("(/(?!\\.\\.?(/|$))[A-Za-z0-9._-]+)+");

	private DormSettingsMapper() {
	}

	static RegistrySettings registrySettings(DormProperties properties, Set<String> extraKinds) {
		validate(properties);
		RegistrySettings settings = new RegistrySettings();
		DormProperties.Connection connection = properties.getConnection();
		settings.setDataDirectory(Path.of(properties.getDataDir()));
		settings.setDefaultKind(properties.getDefaultKind());
		Set<String> kinds = new LinkedHashSet<>(properties.getKinds().keySet());
		kinds.addAll(extraKinds);
		kinds.addAll(mirrorTargetKinds(properties));
		settings.setKinds(kinds);
		settings.setMaxOpen(properties.getMaxOpen());
		settings.setIdleTimeout(properties.getIdleTimeout());
		settings.setMaxSize(properties.getMaxSize().toBytes());
		Map<String, Long> maxSizeByKind = new LinkedHashMap<>();
		properties.getKinds().forEach((kind, settingsOfKind) -> {
			if (settingsOfKind.getMaxSize() != null) {
				maxSizeByKind.put(kind, settingsOfKind.getMaxSize().toBytes());
			}
		});
		settings.setMaxSizeByKind(maxSizeByKind);
		settings.setBusyTimeout(connection.getBusyTimeout());
		settings.setAcquireTimeout(connection.getAcquireTimeout());
		settings.setMaxReaders(connection.getMaxReaders());
		settings.setReaderIdleTimeout(connection.getReaderIdleTimeout());
		settings.setSynchronous(connection.getSynchronous());
		settings.setJournalSizeLimit(connection.getJournalSizeLimit().toBytes());
		settings.setStatementCacheSize(connection.getStatementCacheSize());
		settings.setMaxValueSize(connection.getMaxValueSize().toBytes());
		settings.setMigrationRetryInterval(properties.getMigrations().getRetryInterval());
		return settings;
	}

	/**
	 * Return the kinds of the dorm-spring databases that mirrored kinds write to.
	 * @param properties the properties
	 * @return the kinds
	 */
	static Set<String> mirrorTargetKinds(DormProperties properties) {
		Set<String> kinds = new LinkedHashSet<>();
		properties.getKinds().forEach((kind, settings) -> {
			DormProperties.KindMirror mirror = settings.getMirror();
			if (mirror.isEnabled() && !mirror.getTarget().startsWith(BEAN_TARGET_PREFIX)) {
				kinds.add(mirrorTarget(kind, mirror, properties.getDefaultKind()).kind());
			}
		});
		return kinds;
	}

	/**
	 * Parse the dorm-spring database a kind mirrors to.
	 * @param kind the mirrored kind
	 * @param mirror its mirror settings
	 * @param defaultKind the default kind
	 * @return the target database name
	 */
	static DatabaseName mirrorTarget(String kind, DormProperties.KindMirror mirror, String defaultKind) {
		String property = "dorm.kinds." + kind + ".mirror.target";
		DatabaseName target;
		try {
			target = DatabaseName.parse(mirror.getTarget(), defaultKind);
		}
		catch (InvalidDatabaseNameException ex) {
			throw new InvalidConfigurationPropertyValueException(property, mirror.getTarget(), ex.getRule());
		}
		if (target.kind().equals(kind)) {
			throw new InvalidConfigurationPropertyValueException(property, mirror.getTarget(),
					"A kind cannot mirror to a database of its own kind; use another kind such as 'aggregate:main'");
		}
		return target;
	}

	/**
	 * Check and resolve the folder for backups.
	 * @param properties the properties
	 * @return the absolute folder, or {@code null} if none is set
	 */
	static @Nullable Path backupDirectory(DormProperties properties) {
		String backupDir = properties.getActuator().getBackupDir();
		if (!StringUtils.hasText(backupDir)) {
			return null;
		}
		Path directory = Path.of(backupDir).toAbsolutePath().normalize();
		Path dataDirectory = Path.of(properties.getDataDir()).toAbsolutePath().normalize();
		if (directory.startsWith(dataDirectory) || dataDirectory.startsWith(directory)) {
			throw new InvalidConfigurationPropertyValueException("dorm.actuator.backup-dir", backupDir,
					"The backup folder must be outside the data directory '" + dataDirectory
							+ "' and must not contain it, so that backups are never listed as databases");
		}
		return directory;
	}

	static MigrationSettings migrationSettings(DormProperties properties) {
		MigrationSettings settings = new MigrationSettings();
		checkLocations("dorm.migrations.locations", properties.getMigrations().getLocations());
		settings.setLocations(properties.getMigrations().getLocations());
		Map<String, List<String>> locationsByKind = new LinkedHashMap<>();
		properties.getKinds().forEach((kind, settingsOfKind) -> {
			if (settingsOfKind.getLocations() != null) {
				checkLocations("dorm.kinds." + kind + ".locations", settingsOfKind.getLocations());
				locationsByKind.put(kind, settingsOfKind.getLocations());
			}
		});
		settings.setLocationsByKind(locationsByKind);
		settings.setUseTemplates(properties.getMigrations().isUseTemplates());
		return settings;
	}

	static SqlEndpointSettings sqlEndpointSettings(DormProperties properties) {
		DormProperties.SqlEndpoint endpoint = properties.getSqlEndpoint();
		String prefix = endpoint.getPrefix();
		if (prefix == null || !ENDPOINT_PREFIX.matcher(prefix).matches()) {
			throw new InvalidConfigurationPropertyValueException("dorm.sql-endpoint.prefix", prefix,
					"The prefix must start with '/', must not end with '/', and its segments may contain only"
							+ " letters, digits, '-', '_' and '.' (but not be '.' or '..'), such as '/db'");
		}
		DataSize maxRequestSize = endpoint.getMaxRequestSize();
		if (maxRequestSize == null || maxRequestSize.compareTo(MIN_REQUEST_SIZE) < 0
				|| maxRequestSize.compareTo(MAX_REQUEST_SIZE) > 0) {
			throw new InvalidConfigurationPropertyValueException("dorm.sql-endpoint.max-request-size", maxRequestSize,
					"The size must be between " + MIN_REQUEST_SIZE.toKilobytes() + "KB and "
							+ MAX_REQUEST_SIZE.toMegabytes() + "MB");
		}
		checkPositive("dorm.sql-endpoint.max-rows", endpoint.getMaxRows());
		checkPositive("dorm.sql-endpoint.statement-timeout", endpoint.getStatementTimeout());
		return new SqlEndpointSettings(prefix, maxRequestSize.toBytes(), endpoint.getMaxRows(),
				endpoint.getStatementTimeout());
	}

	/**
	 * Return the admin secret of the SQL endpoint after checking it. The failure is an
	 * {@link InvalidSqlEndpointSecretException} rather than an
	 * {@link InvalidConfigurationPropertyValueException}, because Spring Boot's failure
	 * analysis of the latter prints the property's value.
	 */
	static String sqlEndpointSecret(DormProperties properties) {
		String secret = properties.getSqlEndpoint().getSecret();
		if (secret == null || secret.length() < MIN_SECRET_LENGTH) {
			throw new InvalidSqlEndpointSecretException("the secret must be at least " + MIN_SECRET_LENGTH
					+ " characters long, but has " + ((secret != null) ? secret.length() : 0)
					+ "; generate one, for example with 'openssl rand -hex 32'");
		}
		if (!secret.strip().equals(secret)) {
			throw new InvalidSqlEndpointSecretException("the secret must not start or end with whitespace");
		}
		return secret;
	}

	/**
	 * Reject a data directory that is a file or lies below one, which would otherwise
	 * fail later with an I/O error deep in the startup.
	 */
	private static void checkDataDirectory(String dataDir) {
		Path path = Path.of(dataDir).toAbsolutePath().normalize();
		while (path != null && !Files.exists(path)) {
			path = path.getParent();
		}
		if (path != null && !Files.isDirectory(path)) {
			throw new InvalidConfigurationPropertyValueException("dorm.data-dir", dataDir, "'" + path
					+ "' is a file, not a folder. Set dorm.data-dir to a folder, which dorm-spring creates if it is"
					+ " missing");
		}
	}

	private static void validate(DormProperties properties) {
		DormProperties.Connection connection = properties.getConnection();
		if (!StringUtils.hasText(properties.getDataDir())) {
			throw new InvalidConfigurationPropertyValueException("dorm.data-dir", properties.getDataDir(),
					"The data directory must not be empty");
		}
		checkDataDirectory(properties.getDataDir());
		checkKind("dorm.default-kind", properties.getDefaultKind());
		properties.getKinds().keySet().forEach((kind) -> checkKind("dorm.kinds", kind));
		properties.getTenant().getKinds().forEach((kind) -> checkKind("dorm.tenant.kinds", kind));
		checkPositive("dorm.max-open", properties.getMaxOpen());
		checkPositive("dorm.idle-timeout", properties.getIdleTimeout());
		checkMaxSize("dorm.max-size", properties.getMaxSize());
		properties.getKinds().forEach((kind, settings) -> {
			if (settings.getMaxSize() != null) {
				checkMaxSize("dorm.kinds." + kind + ".max-size", settings.getMaxSize());
			}
		});
		checkNotNegative("dorm.connection.busy-timeout", connection.getBusyTimeout());
		checkPositive("dorm.connection.acquire-timeout", connection.getAcquireTimeout());
		checkPositive("dorm.connection.reader-idle-timeout", connection.getReaderIdleTimeout());
		if (connection.getMaxReaders() < 0) {
			throw new InvalidConfigurationPropertyValueException("dorm.connection.max-readers",
					connection.getMaxReaders(), "The number of readers must be 0 or more");
		}
		DataSize maxValueSize = connection.getMaxValueSize();
		if (maxValueSize == null || maxValueSize.toBytes() < 1024 || maxValueSize.toBytes() > Integer.MAX_VALUE) {
			throw new InvalidConfigurationPropertyValueException("dorm.connection.max-value-size", maxValueSize,
					"The size must be between 1KB and 2047MB");
		}
		if (connection.getStatementCacheSize() < 0) {
			throw new InvalidConfigurationPropertyValueException("dorm.connection.statement-cache-size",
					connection.getStatementCacheSize(), "The cache size must be 0 or more");
		}
		if (connection.getJournalSizeLimit().isNegative()) {
			throw new InvalidConfigurationPropertyValueException("dorm.connection.journal-size-limit",
					connection.getJournalSizeLimit(), "The journal size limit must not be negative");
		}
		checkNotNegative("dorm.migrations.retry-interval", properties.getMigrations().getRetryInterval());
		checkPositive("dorm.migrations.parallelism", properties.getMigrations().getParallelism());
		validateMirror(properties.getMirror());
	}

	private static void validateMirror(DormProperties.Mirror mirror) {
		checkPositive("dorm.mirror.threads", mirror.getThreads());
		checkPositive("dorm.mirror.batch-size", mirror.getBatchSize());
		checkPositive("dorm.mirror.max-attempts", mirror.getMaxAttempts());
		checkPositive("dorm.mirror.initial-backoff", mirror.getInitialBackoff());
		checkPositive("dorm.mirror.max-backoff", mirror.getMaxBackoff());
	}

	private static void checkKind(String property, String kind) {
		try {
			DatabaseName.validateKind(kind);
		}
		catch (InvalidDatabaseNameException ex) {
			throw new InvalidConfigurationPropertyValueException(property, kind, ex.getRule());
		}
	}

	private static void checkPositive(String property, int value) {
		if (value <= 0) {
			throw new InvalidConfigurationPropertyValueException(property, value, "The value must be at least 1");
		}
	}

	private static void checkPositive(String property, Duration value) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw new InvalidConfigurationPropertyValueException(property, value, "The duration must be positive");
		}
	}

	private static void checkNotNegative(String property, Duration value) {
		if (value == null || value.isNegative()) {
			throw new InvalidConfigurationPropertyValueException(property, value, "The duration must not be negative");
		}
	}

	private static void checkMaxSize(String property, DataSize value) {
		if (value == null || value.compareTo(MIN_MAX_SIZE) < 0) {
			throw new InvalidConfigurationPropertyValueException(property, value,
					"The size must be at least " + MIN_MAX_SIZE.toKilobytes() + "KB");
		}
	}

	private static void checkLocations(String property, List<String> locations) {
		for (String location : locations) {
			if (location == null || !(location.startsWith("classpath:") || location.startsWith("filesystem:"))) {
				throw new InvalidConfigurationPropertyValueException(property, location,
						"A location must start with 'classpath:' or 'filesystem:'");
			}
		}
	}

}
