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

package dev.dorm.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

import dev.dorm.DatabaseName;
import dev.dorm.DormClient;
import dev.dorm.DormDatabase;
import dev.dorm.migration.FlywayDatabaseInitializer;
import dev.dorm.migration.MigrationSettings;
import dev.dorm.registry.DefaultDormClient;
import dev.dorm.registry.RegistrySettings;
import dev.dorm.registry.TenantDatabaseRegistry;

import org.springframework.core.io.DefaultResourceLoader;

/**
 * A registry and client wired by hand, without a Spring context, on a fresh temporary
 * folder that {@link #close()} deletes. Every setting keeps its default except
 * {@link MigrationSettings#setUseTemplates(boolean) useTemplates} and the registry
 * settings that a caller changes.
 */
final class BenchmarkRegistry implements AutoCloseable {

	static {
		// commons-logging, Flyway and sqlite-jdbc all log through java.util.logging here.
		// Without a configuration it prints INFO to the console, and Flyway's lines for
		// every new database would put console output into the measurement.
		Logger.getLogger("").setLevel(Level.WARNING);
	}

	private final Path directory;

	private final TenantDatabaseRegistry registry;

	private final DormClient client;

	/**
	 * Create a registry on a new temporary folder.
	 * @param useTemplates whether new databases start as a copy of a migrated template
	 * @throws IOException if the folder cannot be created
	 */
	BenchmarkRegistry(boolean useTemplates) throws IOException {
		this(useTemplates, (settings) -> {
		});
	}

	/**
	 * Create a registry on a new temporary folder with changed settings.
	 * @param useTemplates whether new databases start as a copy of a migrated template
	 * @param customizer changes the registry settings, such as {@code maxOpen}, after the
	 * data directory is set
	 * @throws IOException if the folder cannot be created
	 */
	BenchmarkRegistry(boolean useTemplates, Consumer<RegistrySettings> customizer) throws IOException {
		this.directory = Files.createTempDirectory("dorm-benchmarks-");
		RegistrySettings settings = new RegistrySettings();
		settings.setDataDirectory(this.directory.resolve("data"));
		customizer.accept(settings);
		MigrationSettings migrationSettings = new MigrationSettings();
		migrationSettings.setUseTemplates(useTemplates);
		FlywayDatabaseInitializer initializer = new FlywayDatabaseInitializer(new DefaultResourceLoader(),
				migrationSettings, List.of(TodoSchema.migrations()), List.of());
		this.registry = new TenantDatabaseRegistry(settings, initializer);
		this.client = new DefaultDormClient(this.registry);
	}

	/**
	 * Return the temporary folder, which also contains files that the registry does not
	 * manage.
	 * @return the folder
	 */
	Path directory() {
		return this.directory;
	}

	TenantDatabaseRegistry registry() {
		return this.registry;
	}

	DormClient client() {
		return this.client;
	}

	DormDatabase database(String name) {
		return this.client.database(name);
	}

	DatabaseName name(String name) {
		return this.client.parseName(name);
	}

	/**
	 * Return the file of a database.
	 * @param name the name of the database
	 * @return its file, which exists once the database was used
	 */
	Path file(String name) {
		return this.registry.files().file(name(name));
	}

	/**
	 * Close the registry and delete the temporary folder.
	 */
	@Override
	public void close() {
		this.registry.close();
		deleteRecursively(this.directory);
	}

	private static void deleteRecursively(Path directory) {
		try (Stream<Path> paths = Files.walk(directory)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Failed to delete the benchmark folder '" + directory + "'", ex);
		}
	}

}
