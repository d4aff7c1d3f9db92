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

package dev.dorm.mirror;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import dev.dorm.DatabaseName;
import dev.dorm.registry.InternalWrites;
import dev.dorm.registry.MirrorSuppression;
import dev.dorm.registry.WriterConnectionListener;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.sqlite.Function;
import org.sqlite.SQLiteCommitListener;
import org.sqlite.SQLiteConnection;

import org.springframework.core.log.LogMessage;
import org.springframework.util.Assert;

/**
 * Records the committed writes of mirrored databases in their outbox, whatever path wrote
 * them: {@code exec}, the routing data source, JDBC templates or the SQL endpoint all use
 * the database's single writer connection, where this listener installs the capture
 * triggers. After a commit that recorded changes, it notifies the relay; a rolled back
 * transaction takes its outbox rows with it.
 *
 * @since 0.1.0
 */
public class ChangeCapture implements WriterConnectionListener {

	private static final Log logger = LogFactory.getLog(ChangeCapture.class);

	private final Map<String, MirrorSettings> kinds;

	private final Consumer<DatabaseName> committed;

	private final Map<Connection, CaptureState> states = new ConcurrentHashMap<>();

	/**
	 * Create a change capture.
	 * @param kinds the mirrored kinds and their settings
	 * @param committed called with a database name after a commit that recorded changes
	 */
	public ChangeCapture(Map<String, MirrorSettings> kinds, Consumer<DatabaseName> committed) {
		Assert.notNull(kinds, "'kinds' must not be null");
		Assert.notNull(committed, "'committed' must not be null");
		this.kinds = Map.copyOf(kinds);
		this.committed = committed;
	}

	/**
	 * Return whether databases of a kind are mirrored.
	 * @param kind the kind
	 * @return whether the kind is mirrored
	 */
	public boolean isMirrored(String kind) {
		return this.kinds.containsKey(kind);
	}

	@Override
	public void writerOpened(DatabaseName name, Connection writer) throws SQLException {
		MirrorSettings settings = this.kinds.get(name.kind());
		if (settings == null) {
			return;
		}
		Outbox.createIfMissing(writer);
		CaptureState state = new CaptureState(name);
		Function.create(writer, CaptureTriggers.CAPTURE_FUNCTION, new CaptureFunction(state), 1, 0);
		int tables = CaptureTriggers.install(writer, settings);
		((SQLiteConnection) writer).addCommitListener(state);
		this.states.put(writer, state);
		logger.debug(LogMessage.format("Capturing changes of %d tables of database '%s'", tables, name));
	}

	@Override
	public void templateMigrated(String kind, Connection connection) throws SQLException {
		if (this.kinds.containsKey(kind)) {
			Outbox.createIfMissing(connection);
		}
	}

	@Override
	public void beforeSchemaChange(DatabaseName name, Connection writer) throws SQLException {
		if (this.states.containsKey(writer)) {
			CaptureTriggers.drop(writer);
		}
	}

	@Override
	public void afterSchemaChange(DatabaseName name, Connection writer) throws SQLException {
		MirrorSettings settings = this.kinds.get(name.kind());
		if (settings != null && this.states.containsKey(writer)) {
			CaptureTriggers.install(writer, settings);
		}
	}

	@Override
	public void writerClosing(DatabaseName name, Connection writer) {
		CaptureState state = this.states.remove(writer);
		if (state != null) {
			((SQLiteConnection) writer).removeCommitListener(state);
		}
	}

	/**
	 * Capture state of the transaction running on one writer connection.
	 */
	private final class CaptureState implements SQLiteCommitListener {

		private final DatabaseName name;

		private volatile boolean captured;

		CaptureState(DatabaseName name) {
			this.name = name;
		}

		@Override
		public void onCommit() {
			if (this.captured) {
				this.captured = false;
				ChangeCapture.this.committed.accept(this.name);
			}
		}

		@Override
		public void onRollback() {
			this.captured = false;
		}

	}

	/**
	 * The SQL function the triggers call with the number of outbox rows they are about to
	 * write: 1 to record the change, 0 to skip it.
	 */
	private static final class CaptureFunction extends Function {

		private final CaptureState state;

		CaptureFunction(CaptureState state) {
			this.state = state;
		}

		@Override
		protected void xFunc() throws SQLException {
			if (MirrorSuppression.isSuppressed()) {
				result(0);
				return;
			}
			this.state.captured = true;
			InternalWrites.add(value_int(0));
			result(1);
		}

	}

}
