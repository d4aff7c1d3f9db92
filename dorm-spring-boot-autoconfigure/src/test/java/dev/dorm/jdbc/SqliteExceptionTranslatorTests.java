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

package dev.dorm.jdbc;

import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;

import javax.sql.DataSource;

import dev.dorm.DormClient;
import dev.dorm.TenantContext;
import dev.dorm.autoconfigure.DormAutoConfiguration;
import dev.dorm.autoconfigure.DormTenantAutoConfiguration;
import dev.dorm.migration.SqlMigrations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.SQLExceptionTranslator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link SqliteExceptionTranslator} on the JDBC templates of real tenant
 * databases.
 */
class SqliteExceptionTranslatorTests {

	private static final String INSERT = "INSERT INTO notes (id, title) VALUES (?, ?)";

	@TempDir
	Path dataDirectory;

	private ApplicationContextRunner contextRunner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DormAutoConfiguration.class, DormTenantAutoConfiguration.class,
					JdbcTemplateAutoConfiguration.class))
			.withUserConfiguration(NotesConfiguration.class)
			.withPropertyValues("dorm.data-dir=" + this.dataDirectory);
	}

	@Test
	void routingTemplateTranslatesConstraintViolations() {
		contextRunner().run((context) -> {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			assertThat(jdbc.getExceptionTranslator()).isInstanceOf(SqliteExceptionTranslator.class);
			TenantContext.run("acme", () -> {
				jdbc.update(INSERT, "n1", "first");
				assertThatExceptionOfType(DuplicateKeyException.class)
					.isThrownBy(() -> jdbc.update(INSERT, "n1", "again"))
					.withMessageContaining("UNIQUE constraint failed: notes.id");
				assertThatExceptionOfType(DataIntegrityViolationException.class)
					.isThrownBy(() -> jdbc.update(INSERT, "n2", null))
					.isNotInstanceOf(DuplicateKeyException.class)
					.withMessageContaining("NOT NULL constraint failed: notes.title");
				assertThatExceptionOfType(BadSqlGrammarException.class)
					.isThrownBy(() -> jdbc.queryForList("SELECT missing FROM notes"))
					.satisfies((ex) -> assertThat(ex.getSql()).isEqualTo("SELECT missing FROM notes"));
			});
		});
	}

	@Test
	void databaseTemplateTranslatesDuplicateKey() {
		contextRunner().run((context) -> {
			JdbcTemplate jdbc = context.getBean(DormClient.class).database("tenant:acme").jdbc();
			jdbc.update(INSERT, "n1", "first");
			assertThatExceptionOfType(DuplicateKeyException.class).isThrownBy(() -> jdbc.update(INSERT, "n1", "again"));
			assertThatExceptionOfType(DataIntegrityViolationException.class)
				.isThrownBy(() -> jdbc.update("INSERT INTO notes (id, title) VALUES ('n3', '')"))
				.withMessageContaining("CHECK constraint failed");
		});
	}

	@Test
	void userDataSourceKeepsBootTranslator() {
		contextRunner().withUserConfiguration(UserDataSourceConfiguration.class).run((context) -> {
			assertThat(context).doesNotHaveBean(SqliteExceptionTranslator.class);
			assertThat(context.getBean(JdbcTemplate.class).getExceptionTranslator())
				.isNotInstanceOf(SqliteExceptionTranslator.class);
		});
	}

	@Test
	void userTranslatorIsKept() {
		contextRunner().withUserConfiguration(UserTranslatorConfiguration.class).run((context) -> {
			assertThat(context).doesNotHaveBean(SqliteExceptionTranslator.class);
			assertThat(context.getBean(JdbcTemplate.class).getExceptionTranslator())
				.isSameAs(context.getBean(SQLExceptionTranslator.class));
		});
	}

	@Test
	void busyLockedAndFullCodesAreTranslated() {
		SqliteExceptionTranslator translator = new SqliteExceptionTranslator();
		assertThat(translator.translate("update", "UPDATE t SET a = 1",
				new SQLiteException("database is locked", SQLiteErrorCode.SQLITE_BUSY)))
			.isInstanceOf(CannotAcquireLockException.class);
		assertThat(translator.translate("update", "UPDATE t SET a = 1",
				new SQLiteException("database table is locked", SQLiteErrorCode.SQLITE_LOCKED)))
			.isInstanceOf(CannotAcquireLockException.class);
		assertThat(translator.translate("insert", "INSERT INTO t VALUES (1)",
				new SQLiteException("database or disk is full", SQLiteErrorCode.SQLITE_FULL)))
			.isInstanceOf(DataAccessResourceFailureException.class);
	}

	@Test
	void otherDriversFallBackToSubclassTranslation() {
		SQLException other = new SQLIntegrityConstraintViolationException("duplicate", "23505");
		assertThat(new SqliteExceptionTranslator().translate("insert", "INSERT INTO t VALUES (1)", other))
			.isInstanceOf(DataIntegrityViolationException.class)
			.hasCause(other);
	}

	@Configuration(proxyBeanMethods = false)
	static class NotesConfiguration {

		@Bean
		SqlMigrations notesMigrations() {
			return SqlMigrations.forKind("tenant")
				.version(1, "CREATE TABLE notes (id TEXT PRIMARY KEY, title TEXT NOT NULL CHECK (length(title) > 0))");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserDataSourceConfiguration {

		@Bean
		DataSource userDataSource() {
			SQLiteDataSource dataSource = new SQLiteDataSource();
			dataSource.setUrl("jdbc:sqlite::memory:");
			return dataSource;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserTranslatorConfiguration {

		@Bean
		SQLExceptionTranslator userTranslator() {
			return (task, sql, ex) -> null;
		}

	}

}
