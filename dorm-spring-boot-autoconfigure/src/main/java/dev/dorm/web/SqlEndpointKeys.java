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

package dev.dorm.web;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.dorm.DatabaseName;
import dev.dorm.DormClient;
import dev.dorm.InvalidDatabaseNameException;
import dev.dorm.UnknownDatabaseKindException;

import org.springframework.util.Assert;

/**
 * Checks the credentials of the SQL endpoint and computes per-database access keys.
 * <p>
 * The admin secret opens every database. The access key of one database opens that
 * database and no other: it is the HMAC-SHA256 of the database's canonical name (such as
 * {@code tenant:acme}) keyed with the admin secret, in lowercase hexadecimal, 64
 * characters. Anyone who has the secret can compute a key, for example with
 * {@code printf '%s' 'tenant:acme' | openssl dgst -sha256 -hmac "$SECRET"}.
 * <p>
 * Comparisons take the same time whatever the presented token contains, and no method
 * returns or logs the secret.
 *
 * @since 0.1.0
 */
public final class SqlEndpointKeys {

	private static final String ALGORITHM = "HmacSHA256";

	/**
	 * Length of an access key: 32 bytes of HMAC-SHA256 as hexadecimal digits.
	 */
	static final int KEY_LENGTH = 64;

	private static final char[] HEX_DIGITS = "0123456789abcdef".toCharArray();

	private final byte[] secret;

	private final DormClient client;

	/**
	 * Create an instance.
	 * @param secret the admin secret
	 * @param client parses database names into their canonical form
	 */
	public SqlEndpointKeys(String secret, DormClient client) {
		Assert.hasText(secret, "'secret' must not be empty");
		Assert.notNull(client, "'client' must not be null");
		this.secret = secret.getBytes(StandardCharsets.UTF_8);
		this.client = client;
	}

	/**
	 * Compute the access key of a database.
	 * @param databaseName a name such as {@code tenant:acme}, or a key of the default
	 * kind such as {@code acme}, which has the same access key
	 * @return the access key in lowercase hexadecimal
	 * @throws InvalidDatabaseNameException if the name is not valid
	 * @throws UnknownDatabaseKindException if its kind is not configured
	 */
	public String keyFor(String databaseName) {
		Assert.notNull(databaseName, "'databaseName' must not be null");
		return keyFor(this.client.parseName(databaseName));
	}

	/**
	 * Compute the access key of a database.
	 * @param databaseName the name of the database
	 * @return the access key in lowercase hexadecimal
	 */
	public String keyFor(DatabaseName databaseName) {
		Assert.notNull(databaseName, "'databaseName' must not be null");
		byte[] digest = hmac(databaseName.toString().getBytes(StandardCharsets.UTF_8));
		char[] hex = new char[digest.length * 2];
		for (int i = 0; i < digest.length; i++) {
			hex[2 * i] = HEX_DIGITS[(digest[i] >> 4) & 0xf];
			hex[2 * i + 1] = HEX_DIGITS[digest[i] & 0xf];
		}
		return new String(hex);
	}

	/**
	 * Return whether a token is the admin secret.
	 * @param token the presented token
	 * @return whether it equals the admin secret
	 */
	boolean isAdminSecret(String token) {
		return MessageDigest.isEqual(this.secret, token.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Return whether a token is the access key of a database.
	 * @param token the presented token
	 * @param databaseName the database the request uses
	 * @return whether the token opens that database
	 */
	boolean opens(String token, DatabaseName databaseName) {
		byte[] expected = keyFor(databaseName).getBytes(StandardCharsets.US_ASCII);
		return MessageDigest.isEqual(expected, token.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Return whether a token has the form of an access key: 64 lowercase hexadecimal
	 * digits. It says nothing about the database that the key opens.
	 * @param token the presented token
	 * @return whether the token looks like an access key
	 */
	static boolean isAccessKeyForm(String token) {
		if (token.length() != KEY_LENGTH) {
			return false;
		}
		for (int i = 0; i < token.length(); i++) {
			char c = token.charAt(i);
			if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
				return false;
			}
		}
		return true;
	}

	private byte[] hmac(byte[] message) {
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(new SecretKeySpec(this.secret, ALGORITHM));
			return mac.doFinal(message);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HMAC-SHA256 is not available in this JVM", ex);
		}
	}

	@Override
	public String toString() {
		return "SqlEndpointKeys[secret hidden]";
	}

}
