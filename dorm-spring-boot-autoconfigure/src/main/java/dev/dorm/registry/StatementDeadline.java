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

import java.sql.Connection;
import java.sql.SQLException;

import org.sqlite.ProgressHandler;

/**
 * Stops a running statement once a deadline has passed, through SQLite's progress
 * handler, which SQLite calls every {@value #INSTRUCTIONS} virtual machine instructions
 * while a statement runs. The handler is installed only while a statement with a timeout
 * runs, so other statements pay nothing.
 */
final class StatementDeadline extends ProgressHandler {

	/**
	 * Number of SQLite virtual machine instructions between two deadline checks.
	 */
	static final int INSTRUCTIONS = 10_000;

	/**
	 * SQLite's result code for a statement stopped by the progress handler.
	 */
	static final int SQLITE_INTERRUPT = 9;

	private final long timeoutNanos;

	private volatile long deadline;

	private StatementDeadline(long timeoutNanos) {
		this.timeoutNanos = timeoutNanos;
		restart();
	}

	/**
	 * Install a deadline on a connection, counting from now.
	 * @param connection the connection
	 * @param timeoutNanos the timeout
	 * @return the installed deadline
	 * @throws SQLException if the handler cannot be installed
	 */
	static StatementDeadline install(Connection connection, long timeoutNanos) throws SQLException {
		StatementDeadline deadline = new StatementDeadline(timeoutNanos);
		ProgressHandler.setHandler(connection, INSTRUCTIONS, deadline);
		return deadline;
	}

	/**
	 * Remove the deadline of a connection.
	 * @param connection the connection
	 * @throws SQLException if the handler cannot be removed
	 */
	static void uninstall(Connection connection) throws SQLException {
		ProgressHandler.clearHandler(connection);
	}

	/**
	 * Start the timeout again from now, such as before a cursor reads its next row.
	 */
	void restart() {
		this.deadline = System.nanoTime() + this.timeoutNanos;
	}

	/**
	 * Return whether a driver exception means SQLite stopped the statement.
	 * @param ex the exception
	 * @return whether the statement was interrupted
	 */
	static boolean isInterrupt(SQLException ex) {
		return (ex.getErrorCode() & 0xff) == SQLITE_INTERRUPT;
	}

	@Override
	protected int progress() {
		return (System.nanoTime() - this.deadline > 0) ? 1 : 0;
	}

}
