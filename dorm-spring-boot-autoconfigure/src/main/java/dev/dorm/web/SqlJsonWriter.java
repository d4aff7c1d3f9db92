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

import java.io.OutputStream;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.json.JsonFactory;

/**
 * Writes results in the JSON shapes that Outerbase Studio reads.
 * <p>
 * Rows are positional arrays. Integers are JSON integers, exact over the whole 64-bit
 * range; floating point values are JSON numbers, except infinities, which are written as
 * the strings {@code "Infinity"} and {@code "-Infinity"} because JSON has no number for
 * them (SQLite stores NaN as NULL); BLOBs are arrays of unsigned byte values (0 to 255).
 */
final class SqlJsonWriter {

	/**
	 * JSON factory whose generators separate top-level values with a newline, as NDJSON
	 * needs, and leave the response stream open for the servlet container to close.
	 */
	private static final JsonFactory jsonFactory = JsonFactory.builder()
		.rootValueSeparator("\n")
		.disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
		.build();

	private SqlJsonWriter() {
	}

	static JsonGenerator createGenerator(OutputStream output) {
		return jsonFactory.createGenerator(output);
	}

	/**
	 * Write {@code {"result": R}} for one statement or {@code {"result": [R, ...]}} for a
	 * transaction, where {@code R} is {@code {"columns": [...], "rows": [[...]], "meta":
	 * {"rows_read": n, "rows_written": n}}}.
	 * @param generator the generator
	 * @param results the results of the statements in order
	 * @param transaction whether to write an array
	 */
	static void writeResponse(JsonGenerator generator, List<SqlExecution.StatementResult> results,
			boolean transaction) {
		generator.writeStartObject();
		generator.writeName("result");
		if (transaction) {
			generator.writeStartArray();
			for (SqlExecution.StatementResult result : results) {
				writeResult(generator, result);
			}
			generator.writeEndArray();
		}
		else {
			writeResult(generator, results.get(0));
		}
		generator.writeEndObject();
	}

	private static void writeResult(JsonGenerator generator, SqlExecution.StatementResult result) {
		generator.writeStartObject();
		generator.writeName("columns");
		writeColumns(generator, result.columns());
		generator.writeName("rows");
		generator.writeStartArray();
		for (@Nullable
		Object[] row : result.rows()) {
			writeRow(generator, row);
		}
		generator.writeEndArray();
		writeMeta(generator, result.rows().size(), result.rowsWritten());
		generator.writeEndObject();
	}

	/**
	 * Write the first line of a stream, {@code {"columns": [...]}}.
	 * @param generator the generator
	 * @param columns the column names
	 */
	static void writeColumnsLine(JsonGenerator generator, List<String> columns) {
		generator.writeStartObject();
		generator.writeName("columns");
		writeColumns(generator, columns);
		generator.writeEndObject();
	}

	/**
	 * Write the last line of a stream, {@code {"meta": {"rows_read": n, "rows_written":
	 * 0}}}.
	 * @param generator the generator
	 * @param rowsRead the number of rows written to the stream
	 */
	static void writeMetaLine(JsonGenerator generator, long rowsRead) {
		generator.writeStartObject();
		writeMeta(generator, rowsRead, 0);
		generator.writeEndObject();
	}

	/**
	 * Write {@code {"error": "..."}}.
	 * @param generator the generator
	 * @param message the message
	 */
	static void writeErrorLine(JsonGenerator generator, String message) {
		generator.writeStartObject();
		generator.writeStringProperty("error", message);
		generator.writeEndObject();
	}

	private static void writeColumns(JsonGenerator generator, List<String> columns) {
		generator.writeStartArray();
		for (String column : columns) {
			generator.writeString(column);
		}
		generator.writeEndArray();
	}

	private static void writeMeta(JsonGenerator generator, long rowsRead, long rowsWritten) {
		generator.writeName("meta");
		generator.writeStartObject();
		generator.writeNumberProperty("rows_read", rowsRead);
		generator.writeNumberProperty("rows_written", rowsWritten);
		generator.writeEndObject();
	}

	/**
	 * Write one row as a JSON array.
	 * @param generator the generator
	 * @param row the values of the row
	 */
	static void writeRow(JsonGenerator generator, @Nullable Object[] row) {
		generator.writeStartArray();
		for (Object value : row) {
			writeValue(generator, value);
		}
		generator.writeEndArray();
	}

	private static void writeValue(JsonGenerator generator, @Nullable Object value) {
		if (value == null) {
			generator.writeNull();
		}
		else if (value instanceof Long number) {
			generator.writeNumber(number.longValue());
		}
		else if (value instanceof Integer number) {
			generator.writeNumber(number.intValue());
		}
		else if (value instanceof Double number) {
			writeDouble(generator, number);
		}
		else if (value instanceof String text) {
			generator.writeString(text);
		}
		else if (value instanceof byte[] bytes) {
			generator.writeStartArray();
			for (byte b : bytes) {
				generator.writeNumber(b & 0xff);
			}
			generator.writeEndArray();
		}
		else if (value instanceof Number number) {
			writeDouble(generator, number.doubleValue());
		}
		else {
			generator.writeString(value.toString());
		}
	}

	private static void writeDouble(JsonGenerator generator, double number) {
		if (Double.isNaN(number)) {
			generator.writeNull();
		}
		else if (Double.isInfinite(number)) {
			generator.writeString((number > 0) ? "Infinity" : "-Infinity");
		}
		else {
			generator.writeNumber(number);
		}
	}

}
