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

import java.nio.file.Path;
import java.util.List;

/**
 * Entry point to the tenant databases: looks them up by name and manages their files.
 *
 * <pre class="code">
 * DormDatabase db = dorm.database("tenant:acme");
 * DormResult result = db.exec("SELECT * FROM todos WHERE done = ?", 0);
 * </pre>
 *
 * @since 0.1.0
 */
public interface DormClient {

	/**
	 * Return the database with the given name. The name is validated now; the file is
	 * created, opened and migrated on first use.
	 * @param name a name such as {@code tenant:acme}, or a key of the default kind
	 * @return the database
	 * @throws InvalidDatabaseNameException if the name is not valid
	 * @throws UnknownDatabaseKindException if its kind is not configured
	 */
	DormDatabase database(String name);

	/**
	 * Return the database with the given name.
	 * @param name the name
	 * @return the database
	 * @throws UnknownDatabaseKindException if its kind is not configured
	 */
	DormDatabase database(DatabaseName name);

	/**
	 * Return the database of the tenant bound to the current thread.
	 * @return the database
	 * @throws NoTenantException if no tenant is bound
	 * @see TenantContext
	 */
	DormDatabase current();

	/**
	 * Parse and validate a database name without touching any file.
	 * @param name a name such as {@code tenant:acme}, or a key of the default kind
	 * @return the validated name
	 * @throws InvalidDatabaseNameException if the name is not valid
	 * @throws UnknownDatabaseKindException if its kind is not configured
	 */
	DatabaseName parseName(String name);

	/**
	 * List the databases of one kind that have a file, in name order.
	 * @param kind the kind
	 * @return the names of its databases
	 */
	List<DatabaseName> list(String kind);

	/**
	 * Return whether a database has a file.
	 * @param name the name
	 * @return whether it exists
	 */
	boolean exists(String name);

	/**
	 * Return the size of a database on disk, its write-ahead log included.
	 * @param name the name
	 * @return the size in bytes, or 0 if it does not exist
	 */
	long size(String name);

	/**
	 * Close a database and delete its files. Calls that use it afterwards create it
	 * again.
	 * @param name the name
	 * @return whether a file was deleted
	 */
	boolean delete(String name);

	/**
	 * Copy a database to a new file while it stays in use. The copy holds every
	 * transaction committed before the backup began and none of those after.
	 * @param name the name
	 * @param target the file to create; it must not exist
	 * @throws DatabaseNotFoundException if the database does not exist
	 */
	void backup(String name, Path target);

}
