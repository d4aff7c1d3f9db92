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

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Random;

import dev.dorm.DatabaseName;
import dev.dorm.InvalidDatabaseNameException;
import dev.dorm.registry.DatabaseFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link BackupFiles}.
 */
class BackupFilesTests {

	private static final String KEY_CHARACTERS = "abcxyzABCXYZ0189-_.@";

	private static final Instant TIME = Instant.parse("2026-03-04T05:06:07.089Z");

	@TempDir
	Path root;

	private BackupFiles backupFiles() {
		return new BackupFiles(this.root.resolve("backups"), new DatabaseFiles(this.root.resolve("data")));
	}

	@Test
	void fileNameHoldsEncodedKeyAndUtcTime() {
		Path file = backupFiles().newFile(DatabaseName.of("tenant", "Acme_1"), TIME);
		assertThat(file).isEqualTo(this.root.resolve("backups/tenant/_acme__1-20260304T050607.089Z.db"));
		assertThat(file).doesNotExist();
		assertThat(file.getParent()).isDirectory();
	}

	@Test
	void existingFileGetsNumberedName() throws Exception {
		BackupFiles backupFiles = backupFiles();
		DatabaseName name = DatabaseName.of("tenant", "acme");
		Files.createFile(backupFiles.newFile(name, TIME));
		assertThat(backupFiles.newFile(name, TIME).getFileName()).hasToString("acme-20260304T050607.089Z-1.db");
	}

	@Test
	void everyValidNameStaysInItsKindFolder() {
		BackupFiles backupFiles = backupFiles();
		Random random = new Random(42);
		int valid = 0;
		for (int i = 0; i < 2000; i++) {
			StringBuilder key = new StringBuilder();
			int length = 1 + random.nextInt(DatabaseName.MAX_KEY_LENGTH);
			for (int j = 0; j < length; j++) {
				key.append(KEY_CHARACTERS.charAt(random.nextInt(KEY_CHARACTERS.length())));
			}
			DatabaseName name;
			try {
				name = DatabaseName.of("tenant", key.toString());
			}
			catch (InvalidDatabaseNameException ex) {
				continue;
			}
			valid++;
			Path file = backupFiles.newFile(name, TIME);
			assertThat(file.getParent()).as(key.toString()).isEqualTo(this.root.resolve("backups/tenant"));
			assertThat(file.getFileName().toString()).as(key.toString()).doesNotStartWith(".").endsWith(".db");
		}
		assertThat(valid).isGreaterThan(1000);
	}

	@Test
	void kindFolderLinkedOutsideIsRejected() throws Exception {
		Path outside = Files.createDirectories(this.root.resolve("elsewhere"));
		Files.createDirectories(this.root.resolve("backups"));
		Files.createSymbolicLink(this.root.resolve("backups/tenant"), outside);
		assertThatIllegalStateException().isThrownBy(() -> backupFiles().newFile(DatabaseName.of("tenant", "a"), TIME))
			.withMessageContaining("outside the backup folder");
	}

}
