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

package dev.dorm.actuate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import dev.dorm.DatabaseName;
import dev.dorm.registry.DatabaseFiles;

import org.springframework.util.Assert;

/**
 * Derives the files of backups from database names: database {@code kind:key} backed up
 * at a given time goes to {@code <backup-dir>/<kind>/<file name of key>-<UTC time>.db}.
 * <p>
 * The key part is the database's own file name, which holds only lowercase letters,
 * digits, {@code -}, {@code .}, {@code @} and {@code _} (see {@link DatabaseFiles}), so
 * no name can make a backup path leave its kind's folder. Each path is also checked to be
 * inside the backup folder before it is used.
 */
final class BackupFiles {

	private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'")
		.withZone(ZoneOffset.UTC);

	private static final int MAX_ATTEMPTS = 100;

	private final Path directory;

	private final DatabaseFiles databaseFiles;

	BackupFiles(Path directory, DatabaseFiles databaseFiles) {
		this.directory = directory.toAbsolutePath().normalize();
		this.databaseFiles = databaseFiles;
	}

	/**
	 * Return the backup folder as an absolute path.
	 * @return the backup folder
	 */
	Path directory() {
		return this.directory;
	}

	/**
	 * Return a file that does not exist yet for a backup of a database, creating the
	 * folder of its kind if needed.
	 * @param name the database
	 * @param time the time of the backup, which goes into the file name
	 * @return the file
	 * @throws UncheckedIOException if the folder cannot be created
	 * @throws IllegalStateException if the folder resolves outside the backup folder
	 */
	Path newFile(DatabaseName name, Instant time) {
		Path folder = kindFolder(name.kind());
		String fileName = this.databaseFiles.file(name).getFileName().toString();
		String base = fileName.substring(0, fileName.length() - DatabaseFiles.SUFFIX.length()) + "-"
				+ TIMESTAMP.format(time);
		for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
			String suffix = (attempt > 0) ? "-" + attempt : "";
			Path file = inside(folder.resolve(base + suffix + DatabaseFiles.SUFFIX), folder);
			if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
				return file;
			}
		}
		throw new IllegalStateException("Failed to find a free file name for a backup of database '" + name + "' in '"
				+ folder + "' after " + MAX_ATTEMPTS + " attempts");
	}

	private Path kindFolder(String kind) {
		Path folder = inside(this.directory.resolve(DatabaseName.validateKind(kind)), this.directory);
		try {
			Files.createDirectories(folder);
			Path realFolder = folder.toRealPath();
			Path realDirectory = this.directory.toRealPath();
			Assert.state(realFolder.getParent() != null && realFolder.getParent().equals(realDirectory),
					() -> "The backup folder of kind '" + kind + "' resolves to '" + realFolder
							+ "', outside the backup folder '" + realDirectory + "'");
			return folder;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Failed to create the backup folder '" + folder + "'", ex);
		}
	}

	private static Path inside(Path path, Path parent) {
		Path normalized = path.normalize();
		Assert.state(parent.equals(normalized.getParent()),
				() -> "Path '" + normalized + "' is not a direct child of the folder '" + parent + "'");
		return normalized;
	}

}
