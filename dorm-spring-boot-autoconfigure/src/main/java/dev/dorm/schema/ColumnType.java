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

/**
 * SQLite storage of a JSON type: the declared column type and the JSON type name.
 */
enum ColumnType {

	/**
	 * A {@code string}, or a property without a type, stored as {@code TEXT}.
	 */
	TEXT("TEXT", "string"),

	/**
	 * An {@code integer}, or a property with {@code "format": "integer"}, stored as
	 * {@code INTEGER}.
	 */
	INTEGER("INTEGER", "integer"),

	/**
	 * A {@code number}, stored as {@code REAL}.
	 */
	REAL("REAL", "number"),

	/**
	 * A {@code boolean}, stored as {@code INTEGER} 0 or 1.
	 */
	BOOLEAN("INTEGER", "boolean"),

	/**
	 * An {@code object}, stored as {@code TEXT} that contains a JSON object.
	 */
	OBJECT("TEXT", "object"),

	/**
	 * An {@code array}, stored as {@code TEXT} that contains a JSON array.
	 */
	ARRAY("TEXT", "array");

	private final String sqlType;

	private final String jsonType;

	ColumnType(String sqlType, String jsonType) {
		this.sqlType = sqlType;
		this.jsonType = jsonType;
	}

	String sqlType() {
		return this.sqlType;
	}

	String jsonType() {
		return this.jsonType;
	}

	boolean isNumeric() {
		return this == INTEGER || this == REAL;
	}

	boolean isJson() {
		return this == OBJECT || this == ARRAY;
	}

	static ColumnType forJsonType(String jsonType) {
		for (ColumnType type : values()) {
			if (type.jsonType.equals(jsonType)) {
				return type;
			}
		}
		throw new IllegalArgumentException("Unknown JSON type '" + jsonType + "'");
	}

}
