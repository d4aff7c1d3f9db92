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

/**
 * Work to run in one SQLite transaction, with a result.
 *
 * @param <T> the type of the result
 * @since 0.1.0
 * @see DormDatabase#transaction(DormTransactionCallback)
 */
@FunctionalInterface
public interface DormTransactionCallback<T> {

	/**
	 * Run the work. Statements run through {@code database} on the calling thread take
	 * part in the transaction.
	 * @param database the database the transaction runs on
	 * @return the result of the work
	 */
	T doInTransaction(DormDatabase database);

}
