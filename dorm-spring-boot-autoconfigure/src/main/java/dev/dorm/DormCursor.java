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

import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A forward-only cursor over the rows of one query, read from SQLite as the caller
 * advances, so memory use does not grow with the size of the result.
 * <p>
 * The cursor holds a connection and a read snapshot of its database until it is closed.
 * It closes itself once the last row has been read; close it in a try-with-resources
 * block to release it early. While it is open, SQLite cannot checkpoint the write-ahead
 * log past its snapshot, so keep cursors short-lived.
 *
 * @param <T> the type of the mapped rows
 * @since 0.1.0
 */
public interface DormCursor<T> extends Iterator<T>, AutoCloseable {

	/**
	 * Return the column names of the query in order, duplicates kept.
	 * @return the column names
	 */
	List<String> columns();

	/**
	 * Return the number of rows read so far.
	 * @return the number of rows read
	 */
	long rowsRead();

	/**
	 * Return the remaining rows as a sequential stream that closes this cursor when the
	 * stream is closed.
	 * @return a stream of the remaining rows
	 */
	Stream<T> stream();

	/**
	 * Return whether the cursor has released its statement and connection.
	 * @return whether the cursor is closed
	 */
	boolean isClosed();

	/**
	 * Release the statement and connection. Further calls do nothing.
	 */
	@Override
	void close();

}
