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

package dev.dorm.schema;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests that the constraints generated from JSON Schema keywords reject the values they
 * should and accept the others, boundary values included.
 */
class ConstraintTests {

	@TempDir
	Path directory;

	private SqliteFile database;

	@BeforeEach
	void openDatabase() throws SQLException {
		this.database = new SqliteFile(this.directory.resolve("constraints.db"));
	}

	@AfterEach
	void closeDatabase() throws SQLException {
		this.database.close();
	}

	@Test
	void integerBoundsIncludeMinimumAndMaximum() throws SQLException {
		create("""
				{"$id": "t", "properties": {"v": {"type": "integer", "minimum": -5, "maximum": 10}}}""");
		accepts(-5, 0, 10);
		rejects(-6, 11, Long.MIN_VALUE, Long.MAX_VALUE);
		accepts((Object) null);
	}

	@Test
	void exclusiveBoundsExcludeTheBound() throws SQLException {
		create("""
				{"$id": "t", "properties": {"v": {"type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 1.5}}}""");
		accepts(0.000001, 1, 1.4999999);
		rejects(0, 0.0, -0.1, 1.5, 2);
		accepts((Object) null);
	}

	@Test
	void inclusiveAndExclusiveBoundsCombine() throws SQLException {
		create("""
				{"$id": "t", "properties": {"v": {"type": "integer",
				  "minimum": 1, "exclusiveMinimum": 2, "maximum": 9, "exclusiveMaximum": 8}}}""");
		accepts(3, 7);
		rejects(1, 2, 8, 9);
	}

	@Test
	void fractionalBoundOnIntegerColumn() throws SQLException {
		create("""
				{"$id": "t", "properties": {"v": {"type": "integer", "minimum": 0.5, "maximum": 2.5}}}""");
		accepts(1, 2);
		rejects(0, 3);
	}

	@Test
	void lengthsCountCharactersNotBytes() throws SQLException {
		create("""
				{"$id": "t", "properties": {"v": {"type": "string", "minLength": 2, "maxLength": 3}}}""");
		accepts("ab", "abc", "äö", "äöü", "😀😀", "😀😀😀", "名前は");
		rejects("", "a", "é", "😀", "abcd", "äöüß", "😀😀😀😀");
		accepts((Object) null);
	}

	@Test
	void zeroMaxLengthAllowsOnlyEmptyText() throws SQLException {
		create("""
				{"$id": "t", "properties": {"v": {"type": "string", "maxLength": 0}}}""");
		accepts("");
		rejects(" ", "a");
	}

	@Test
	void integerEnumAcceptsOnlyMembers() throws SQLException {
		create("""
				{"$id": "t", "properties": {"v": {"type": "integer", "enum": [1, 2, 30, -4]}}}""");
		accepts(1, 2, 30, -4, "30");
		rejects(0, 3, -1, 29, "two");
	}

	@Test
	void stringEnumComparesExactText() throws SQLException {
		create("""
				{"$id": "t", "properties": {"v": {"type": ["string", "null"], "enum": ["open", "Done", "it's", null]}}}""");
		accepts("open", "Done", "it's", null);
		rejects("OPEN", "done", "open ", "its", "");
	}

	@Test
	void numberEnumComparesNumerically() throws SQLException {
		create("""
				{"$id": "t", "properties": {"v": {"type": "number", "enum": [0.5, 2]}}}""");
		accepts(0.5, 2, 2.0);
		rejects(0.25, 1, 2.5);
	}

	@Test
	void booleanEnumAcceptsOnlyMembers() throws SQLException {
		create("""
				{"$id": "t", "properties": {"v": {"type": "boolean", "enum": [true]}}}""");
		accepts(1, true);
		rejects(0, false, 2);
	}

	@Test
	void booleansAcceptOnlyZeroAndOne() throws SQLException {
		create("""
				{"$id": "t", "properties": {"v": {"type": "boolean"}}}""");
		accepts(0, 1, true, false, null, 1.0);
		rejects(2, -1, 0.5, "true", "yes");
	}

	@Test
	void objectColumnsAcceptOnlyJsonObjects() throws SQLException {
		create("""
				{"$id": "t", "properties": {"v": {"type": "object"}}}""");
		accepts("{}", "{\"a\": [1, 2]}", " {\"nested\": {\"b\": null}} ", null);
		rejects("", "{", "{'a': 1}", "not json", "[]", "[1]", "\"text\"", "5", "null", "true");
	}

	@Test
	void arrayColumnsAcceptOnlyJsonArrays() throws SQLException {
		create("""
				{"$id": "t", "properties": {"v": {"type": ["array", "null"]}}, "required": ["v"]}""");
		accepts("[]", "[1, \"two\", {\"three\": 3}]", null);
		rejects("", "[", "{}", "1", "\"[]\"", "[1,]");
	}

	@Test
	void requiredColumnsRejectNull() throws SQLException {
		create("""
				{"$id": "t", "properties": {
				  "v": {"type": "object"},
				  "w": {"type": "string", "x-dorm-default": "w"}},
				 "required": ["v"]}""");
		accepts("{}");
		assertThatExceptionOfType(SQLException.class).isThrownBy(() -> this.database.insertAndRead("t", "v", null))
			.withMessageContaining("NOT NULL constraint failed: t.v");
	}

	@Test
	void nullableColumnsWithChecksAcceptNull() throws SQLException {
		create("""
				{"$id": "t", "properties": {
				  "b": {"type": "boolean"},
				  "o": {"type": "object"},
				  "a": {"type": "array"},
				  "e": {"type": "integer", "enum": [1]},
				  "n": {"type": "number", "minimum": 1, "exclusiveMaximum": 2},
				  "s": {"type": "string", "minLength": 1, "maxLength": 1},
				  "key": {"type": "integer", "x-dorm-primary-key": true}}}""");
		this.database.execute("INSERT INTO t (key) VALUES (1)");
		assertThat(this.database.query("SELECT b, o, a, e, n, s FROM t")).singleElement()
			.satisfies((row) -> assertThat(row.values()).containsOnlyNulls());
	}

	@Test
	void primaryKeyRejectsNull() throws SQLException {
		create("""
				{"$id": "t", "properties": {"v": {"type": "string", "x-dorm-primary-key": true}}}""");
		accepts("a");
		assertThatExceptionOfType(SQLException.class).isThrownBy(() -> this.database.insertAndRead("t", "v", null))
			.withMessageContaining("NOT NULL constraint failed");
	}

	private void create(String json) throws SQLException {
		this.database.executeAll(JsonSchemaToSql.toSql(json));
	}

	private void accepts(Object... values) throws SQLException {
		for (Object value : values) {
			this.database.execute("DELETE FROM t");
			this.database.insertAndRead("t", "v", value);
		}
	}

	private void rejects(Object... values) {
		for (Object value : List.of(values)) {
			assertThatExceptionOfType(SQLException.class).as("inserting %s", value)
				.isThrownBy(() -> this.database.insertAndRead("t", "v", value))
				.withMessageContaining("CHECK constraint failed");
		}
	}

}
