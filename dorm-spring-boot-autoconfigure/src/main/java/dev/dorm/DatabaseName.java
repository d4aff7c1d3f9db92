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

package dev.dorm;

import java.util.Comparator;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonValue;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The validated name of one database: a kind and a key, written {@code kind:key} (for
 * example {@code tenant:acme} or {@code user:42}). A name without a colon belongs to the
 * default kind.
 * <p>
 * A kind starts with a lowercase letter and contains lowercase letters, digits, {@code -}
 * and {@code _}, at most {@value #MAX_KIND_LENGTH} characters. A key holds ASCII letters,
 * digits, {@code -}, {@code _}, {@code .} and {@code @}, starts and ends with a letter or
 * digit, is at most {@value #MAX_KEY_LENGTH} characters long, and is not a device name
 * reserved by Windows (such as {@code con} or {@code lpt1}). Keys are case sensitive:
 * {@code Acme} and {@code acme} are two databases, stored in two files whose names differ
 * in more than case.
 *
 * @since 0.1.0
 */
public final class DatabaseName implements Comparable<DatabaseName> {

	/**
	 * Maximum length of a kind.
	 */
	public static final int MAX_KIND_LENGTH = 32;

	/**
	 * Maximum length of a key. File names encode each uppercase letter and underscore in
	 * two characters, so a key of this length still fits the 255-byte file name limit of
	 * common file systems.
	 */
	public static final int MAX_KEY_LENGTH = 120;

	private static final int MAX_QUOTED_LENGTH = 80;

	private static final Set<String> WINDOWS_DEVICE_NAMES = Set.of("con", "prn", "aux", "nul", "com0", "com1", "com2",
			"com3", "com4", "com5", "com6", "com7", "com8", "com9", "lpt0", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5",
			"lpt6", "lpt7", "lpt8", "lpt9");

	private static final Comparator<DatabaseName> ORDER = Comparator.comparing(DatabaseName::kind)
		.thenComparing(DatabaseName::key);

	private final String kind;

	private final String key;

	private DatabaseName(String kind, String key) {
		this.kind = kind;
		this.key = key;
	}

	/**
	 * Parse a database name such as {@code tenant:acme}, or a bare key such as
	 * {@code acme} that belongs to the default kind.
	 * @param name the name to parse
	 * @param defaultKind the kind of a bare key
	 * @return the validated name
	 * @throws InvalidDatabaseNameException if the name or the default kind is not valid
	 */
	public static DatabaseName parse(String name, String defaultKind) {
		Assert.notNull(name, "'name' must not be null");
		Assert.notNull(defaultKind, "'defaultKind' must not be null");
		int colon = name.indexOf(':');
		if (colon < 0) {
			return of(name, defaultKind, name);
		}
		return of(name, name.substring(0, colon), name.substring(colon + 1));
	}

	/**
	 * Create a database name from a kind and a key.
	 * @param kind the kind, such as {@code tenant}
	 * @param key the key, such as {@code acme}
	 * @return the validated name
	 * @throws InvalidDatabaseNameException if the kind or the key is not valid
	 */
	public static DatabaseName of(String kind, String key) {
		Assert.notNull(kind, "'kind' must not be null");
		Assert.notNull(key, "'key' must not be null");
		return of(kind + ":" + key, kind, key);
	}

	private static DatabaseName of(String name, String kind, String key) {
		String kindRule = kindRule(kind);
		if (kindRule != null) {
			throw new InvalidDatabaseNameException(name, kindRule);
		}
		String keyRule = keyRule(key);
		if (keyRule != null) {
			throw new InvalidDatabaseNameException(name, keyRule);
		}
		return new DatabaseName(kind, key);
	}

	/**
	 * Check that a kind is valid.
	 * @param kind the kind to check
	 * @return the kind
	 * @throws InvalidDatabaseNameException if it is not valid
	 */
	public static String validateKind(String kind) {
		Assert.notNull(kind, "'kind' must not be null");
		String rule = kindRule(kind);
		if (rule != null) {
			throw new InvalidDatabaseNameException(kind + ":", rule);
		}
		return kind;
	}

	private static @Nullable String kindRule(String kind) {
		if (kind.isEmpty()) {
			return "the kind before ':' must not be empty";
		}
		if (kind.length() > MAX_KIND_LENGTH) {
			return "a kind must be at most " + MAX_KIND_LENGTH + " characters long, but has " + kind.length();
		}
		if (!isLowercaseLetter(kind.charAt(0)) || !kind.chars().allMatch(DatabaseName::isKindCharacter)) {
			return "a kind must start with a lowercase letter and contain only lowercase letters, digits, '-' and '_'";
		}
		return null;
	}

	private static @Nullable String keyRule(String key) {
		if (key.isEmpty()) {
			return "the key must not be empty";
		}
		if (key.length() > MAX_KEY_LENGTH) {
			return "a key must be at most " + MAX_KEY_LENGTH + " characters long, but has " + key.length();
		}
		if (key.indexOf(':') >= 0) {
			return "a key must not contain ':', because ':' separates the kind from the key";
		}
		if (!key.chars().allMatch(DatabaseName::isKeyCharacter)) {
			return "a key may contain only ASCII letters, digits, '-', '_', '.' and '@'";
		}
		if (!isLetterOrDigit(key.charAt(0)) || !isLetterOrDigit(key.charAt(key.length() - 1))) {
			return "a key must start and end with a letter or digit";
		}
		if (isWindowsDeviceName(key)) {
			return "'" + key + "' is a device name reserved by Windows; choose another key";
		}
		return null;
	}

	private static boolean isWindowsDeviceName(String key) {
		int dot = key.indexOf('.');
		String base = (dot >= 0) ? key.substring(0, dot) : key;
		return WINDOWS_DEVICE_NAMES.contains(base.toLowerCase(Locale.ROOT));
	}

	private static boolean isKindCharacter(int c) {
		return isLowercaseLetter(c) || isDigit(c) || c == '-' || c == '_';
	}

	private static boolean isKeyCharacter(int c) {
		return isLetterOrDigit(c) || c == '-' || c == '_' || c == '.' || c == '@';
	}

	private static boolean isLetterOrDigit(int c) {
		return isLowercaseLetter(c) || (c >= 'A' && c <= 'Z') || isDigit(c);
	}

	private static boolean isLowercaseLetter(int c) {
		return c >= 'a' && c <= 'z';
	}

	private static boolean isDigit(int c) {
		return c >= '0' && c <= '9';
	}

	/**
	 * Quote a name for a message: control and non-ASCII characters are escaped, so the
	 * result is safe to log, and long names are shortened.
	 * @param name the name to quote
	 * @return the quoted name
	 */
	static String quote(String name) {
		StringBuilder quoted = new StringBuilder("'");
		int end = Math.min(name.length(), MAX_QUOTED_LENGTH);
		for (int i = 0; i < end; i++) {
			char c = name.charAt(i);
			if (c < 0x20 || c > 0x7e || c == '\\' || c == '\'') {
				quoted.append(String.format("\\u%04x", (int) c));
			}
			else {
				quoted.append(c);
			}
		}
		quoted.append('\'');
		if (name.length() > MAX_QUOTED_LENGTH) {
			quoted.append("... (").append(name.length()).append(" characters)");
		}
		return quoted.toString();
	}

	/**
	 * Return the kind, such as {@code tenant}.
	 * @return the kind
	 */
	public String kind() {
		return this.kind;
	}

	/**
	 * Return the key, such as {@code acme}.
	 * @return the key
	 */
	public String key() {
		return this.key;
	}

	@Override
	public int compareTo(DatabaseName other) {
		return ORDER.compare(this, other);
	}

	@Override
	public boolean equals(@Nullable Object obj) {
		if (this == obj) {
			return true;
		}
		if (!(obj instanceof DatabaseName other)) {
			return false;
		}
		return this.kind.equals(other.kind) && this.key.equals(other.key);
	}

	@Override
	public int hashCode() {
		return 31 * this.kind.hashCode() + this.key.hashCode();
	}

	/**
	 * Return the name in its canonical form, {@code kind:key}. Jackson writes a name as
	 * this string.
	 * @return the canonical name
	 */
	@Override
	@JsonValue
	public String toString() {
		return this.kind + ":" + this.key;
	}

}
