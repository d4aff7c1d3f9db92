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

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link StatementCache}.
 */
class StatementCacheTests {

	@TempDir
	Path directory;

	private Connection connection;

	@BeforeEach
	void open() throws Exception {
		this.connection = DriverManager.getConnection("jdbc:sqlite:" + this.directory.resolve("cache.db"));
	}

	@AfterEach
	void close() throws Exception {
		this.connection.close();
	}

	@Test
	void takenStatementIsRemovedUntilGivenBack() throws Exception {
		StatementCache cache = new StatementCache(2);
		PreparedStatement statement = this.connection.prepareStatement("SELECT 1");
		cache.give("SELECT 1", statement);
		assertThat(cache.take("SELECT 1")).isSameAs(statement);
		assertThat(cache.take("SELECT 1")).isNull();
	}

	@Test
	void fullCacheClosesLeastRecentlyUsed() throws Exception {
		StatementCache cache = new StatementCache(2);
		PreparedStatement one = this.connection.prepareStatement("SELECT 1");
		PreparedStatement two = this.connection.prepareStatement("SELECT 2");
		PreparedStatement three = this.connection.prepareStatement("SELECT 3");
		cache.give("SELECT 1", one);
		cache.give("SELECT 2", two);
		cache.give("SELECT 1", cache.take("SELECT 1"));
		cache.give("SELECT 3", three);
		assertThat(cache.size()).isEqualTo(2);
		assertThat(two.isClosed()).isTrue();
		assertThat(one.isClosed()).isFalse();
		assertThat(three.isClosed()).isFalse();
	}

	@Test
	void secondStatementForSameSqlIsClosed() throws Exception {
		StatementCache cache = new StatementCache(2);
		PreparedStatement first = this.connection.prepareStatement("SELECT 1");
		PreparedStatement second = this.connection.prepareStatement("SELECT 1");
		cache.give("SELECT 1", first);
		cache.give("SELECT 1", second);
		assertThat(second.isClosed()).isTrue();
		assertThat(cache.take("SELECT 1")).isSameAs(first);
	}

	@Test
	void zeroCapacityClosesEveryStatement() throws Exception {
		StatementCache cache = new StatementCache(0);
		PreparedStatement statement = this.connection.prepareStatement("SELECT 1");
		cache.give("SELECT 1", statement);
		assertThat(statement.isClosed()).isTrue();
		assertThat(cache.size()).isZero();
	}

	@Test
	void clearClosesEveryStatement() throws Exception {
		StatementCache cache = new StatementCache(4);
		PreparedStatement statement = this.connection.prepareStatement("SELECT 1");
		cache.give("SELECT 1", statement);
		cache.clear();
		assertThat(statement.isClosed()).isTrue();
		assertThat(cache.size()).isZero();
	}

}
