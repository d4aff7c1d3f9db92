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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import dev.dorm.DatabaseName;
import dev.dorm.InvalidDatabaseNameException;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Maps database names to files under the data directory: {@code <kind>/<key>.db}.
 * <p>
 * File names hold only lowercase letters, digits, {@code -}, {@code .}, {@code @} and
 * {@code _}, so names that differ only by case cannot collide on a case-insensitive file
 * system: an uppercase letter is written as {@code _} and the letter in lowercase, and an
 * underscore as two underscores. The mapping is one to one, and every file lies inside
 * the data directory.
 *
 * @since 0.1.0
 */
public final class DatabaseFiles {

	/**
	 * Suffix of database files.
	 */
	public static final String SUFFIX = ".db";

	private static final String[] COMPANION_SUFFIXES = { "-wal", "-shm", "-journal" };

	private final Path dataDirectory;

	/**
	 * Create a mapping for the given data directory.
	 * @param dataDirectory the data directory
	 */
	public DatabaseFiles(Path dataDirectory) {
		Assert.notNull(dataDirectory, "'dataDirectory' must not be null");
		this.dataDirectory = dataDirectory.toAbsolutePath().normalize();
	}

	/**
	 * Return the data directory as an absolute path.
	 * @return the data directory
	 */
	public Path dataDirectory() {
		return this.dataDirectory;
	}

	/**
	 * Return the folder of the databases of one kind.
	 * @param kind a valid kind
	 * @return the folder
	 */
	public Path directory(String kind) {
		return inside(this.dataDirectory.resolve(DatabaseName.validateKind(kind)));
	}

	/**
	 * Return the file of one database.
	 * @param name the name
	 * @return the file
	 */
	public Path file(DatabaseName name) {
		return inside(directory(name.kind()).resolve(encodeKey(name.key()) + SUFFIX));
	}

	/**
	 * Return the files SQLite keeps beside a database file: its write-ahead log, its
	 * shared-memory index and its rollback journal.
	 * @param file the database file
	 * @return the companion files, which may not exist
	 */
	public static List<Path> companions(Path file) {
		List<Path> companions = new ArrayList<>(COMPANION_SUFFIXES.length);
		for (String suffix : COMPANION_SUFFIXES) {
			companions.add(file.resolveSibling(file.getFileName() + suffix));
		}
		return companions;
	}

	/**
	 * List the databases of one kind that have a file, in name order. Files whose names
	 * do not decode to a valid name are skipped.
	 * @param kind a valid kind
	 * @return the names
	 */
	public List<DatabaseName> list(String kind) {
		Path directory = directory(kind);
		try (Stream<Path> files = Files.list(directory)) {
			return files.map((file) -> nameOf(kind, file)).filter((name) -> name != null).sorted().toList();
		}
		catch (NoSuchFileException ex) {
			return List.of();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Failed to list the databases in '" + directory + "'", ex);
		}
	}

	private @Nullable DatabaseName nameOf(String kind, Path file) {
		String fileName = file.getFileName().toString();
		if (!fileName.endsWith(SUFFIX) || !Files.isRegularFile(file)) {
			return null;
		}
		String key = decodeKey(fileName.substring(0, fileName.length() - SUFFIX.length()));
		if (key == null) {
			return null;
		}
		try {
			return DatabaseName.of(kind, key);
		}
		catch (InvalidDatabaseNameException ex) {
			return null;
		}
	}

	private Path inside(Path path) {
		Path normalized = path.normalize();
		Assert.state(normalized.startsWith(this.dataDirectory) && !normalized.equals(this.dataDirectory),
				() -> "Path '" + normalized + "' is outside the data directory '" + this.dataDirectory + "'");
		return normalized;
	}

	/**
	 * Encode a key as a file name that is unique on case-insensitive file systems.
	 * @param key a valid key
	 * @return the encoded key
	 */
	static String encodeKey(String key) {
		StringBuilder encoded = new StringBuilder(key.length() + 8);
		for (int i = 0; i < key.length(); i++) {
			char c = key.charAt(i);
			if (c >= 'A' && c <= 'Z') {
				encoded.append('_').append((char) (c + ('a' - 'A')));
			}
			else if (c == '_') {
				encoded.append("__");
			}
			else {
				encoded.append(c);
			}
		}
		return encoded.toString();
	}

	/**
	 * Decode a file name produced by {@link #encodeKey(String)}.
	 * @param encoded the file name without its suffix
	 * @return the key, or {@code null} if the file name was not produced by
	 * {@link #encodeKey(String)}
	 */
	static @Nullable String decodeKey(String encoded) {
		StringBuilder key = new StringBuilder(encoded.length());
		for (int i = 0; i < encoded.length(); i++) {
			char c = encoded.charAt(i);
			if (c >= 'A' && c <= 'Z') {
				return null;
			}
			if (c != '_') {
				key.append(c);
				continue;
			}
			if (i + 1 == encoded.length()) {
				return null;
			}
			char next = encoded.charAt(++i);
			if (next == '_') {
				key.append('_');
			}
			else if (next >= 'a' && next <= 'z') {
				key.append((char) (next - ('a' - 'A')));
			}
			else {
				return null;
			}
		}
		return key.toString();
	}

}
