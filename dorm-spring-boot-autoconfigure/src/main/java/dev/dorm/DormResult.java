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

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.IncorrectResultSizeDataAccessException;

/**
 * The complete result of one statement: column names, rows as positional values, and the
 * number of rows read and written. Values are {@code Long}, {@code Double},
 * {@code String}, {@code byte[]} or {@code null}, as SQLite stores them.
 * <p>
 * {@link #rowsRead()} counts the rows the statement returned: SQLite's count of the rows
 * it scanned is not available through JDBC. {@link #rowsWritten()} counts the rows
 * inserted, updated or deleted, including those changed by triggers and foreign key
 * actions.
 *
 * @since 0.1.0
 */
public final class DormResult {

	private final List<String> columns;

	private final List<@Nullable Object[]> rows;

	private final long rowsWritten;

	/**
	 * Create a new result.
	 * @param columns the column names in order, duplicates kept
	 * @param rows the rows, each an array with one value per column
	 * @param rowsWritten the number of rows the statement inserted, updated or deleted
	 */
	public DormResult(List<String> columns, List<@Nullable Object[]> rows, long rowsWritten) {
		this.columns = List.copyOf(columns);
		this.rows = List.copyOf(rows);
		this.rowsWritten = rowsWritten;
	}

	/**
	 * Return the column names in order. Duplicate names are kept, and the names are
	 * present even when there are no rows.
	 * @return the column names
	 */
	public List<String> columns() {
		return this.columns;
	}

	/**
	 * Return the rows, each a list with one value per column.
	 * @return an unmodifiable view of the rows
	 */
	public List<List<@Nullable Object>> rows() {
		return new AbstractList<>() {

			@Override
			public List<@Nullable Object> get(int index) {
				return Collections.unmodifiableList(Arrays.asList(DormResult.this.rows.get(index)));
			}

			@Override
			public int size() {
				return DormResult.this.rows.size();
			}

		};
	}

	/**
	 * Return the rows as maps from column name to value, in column order. When two
	 * columns share a name, the map holds the value of the last one; use {@link #rows()}
	 * to see both.
	 * @return the rows as maps
	 */
	public List<Map<String, @Nullable Object>> toList() {
		List<Map<String, @Nullable Object>> list = new ArrayList<>(this.rows.size());
		for (@Nullable
		Object[] row : this.rows) {
			list.add(toMap(row));
		}
		return list;
	}

	/**
	 * Return the only row, if there is one.
	 * @return the row as a map, or empty if the statement returned no rows
	 * @throws IncorrectResultSizeDataAccessException if it returned more than one row
	 */
	public Optional<Map<String, @Nullable Object>> one() {
		if (this.rows.size() > 1) {
			throw new IncorrectResultSizeDataAccessException(
					"Expected at most one row, but the statement returned " + this.rows.size(), 1, this.rows.size());
		}
		return this.rows.isEmpty() ? Optional.empty() : Optional.of(toMap(this.rows.get(0)));
	}

	private Map<String, @Nullable Object> toMap(@Nullable Object[] row) {
		Map<String, @Nullable Object> map = new LinkedHashMap<>();
		for (int i = 0; i < row.length; i++) {
			map.put(this.columns.get(i), row[i]);
		}
		return map;
	}

	/**
	 * Return the number of rows the statement returned.
	 * @return the number of rows read
	 */
	public long rowsRead() {
		return this.rows.size();
	}

	/**
	 * Return the number of rows the statement inserted, updated or deleted.
	 * @return the number of rows written
	 */
	public long rowsWritten() {
		return this.rowsWritten;
	}

	@Override
	public String toString() {
		return "DormResult[columns=" + this.columns + ", rowsRead=" + rowsRead() + ", rowsWritten=" + this.rowsWritten
				+ "]";
	}

}
