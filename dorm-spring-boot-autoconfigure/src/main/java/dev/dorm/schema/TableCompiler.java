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

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Checks a whole table schema and writes its {@code CREATE TABLE} and
 * {@code CREATE INDEX} statements.
 */
final class TableCompiler {

	/**
	 * Maximum number of columns in a table, SQLite's default {@code SQLITE_MAX_COLUMN}.
	 */
	static final int MAX_COLUMNS = 2000;

	private static final String PRIMARY_KEY = "x-dorm-primary-key";

	private static final String AUTO_INCREMENT = "x-dorm-auto-increment";

	private static final String REFERENCES = "x-dorm-references";

	private static final List<String> REFERENCE_KEYS = List.of("table", "column", "onDelete", "onUpdate");

	private static final List<String> INDEX_KEYS = List.of("name", "columns", "unique");

	private static final List<String> ACTIONS = List.of("CASCADE", "SET NULL", "SET DEFAULT", "RESTRICT", "NO ACTION");

	private final TableSchema schema;

	private final String table;

	private final Map<String, ColumnCompiler> properties;

	TableCompiler(TableSchema schema) {
		this.schema = schema;
		this.table = tableName(schema.getId());
		Keywords.rejectUnknown(schema.getOtherKeywords(), Keywords.TABLE, this.table, null);
		String type = schema.getType();
		if (type != null && !type.equals("object")) {
			throw invalid(null, "type",
					"a table schema describes rows, so its type is \"object\", not " + Names.describe(type),
					"set 'type' to \"object\" or remove it");
		}
		this.properties = properties(schema.getProperties());
	}

	/**
	 * Check the table-level keywords and write the statements.
	 * @return the {@code CREATE TABLE} statement followed by one {@code CREATE INDEX}
	 * statement per index
	 */
	List<String> compile() {
		Set<String> required = required();
		PrimaryKey primaryKey = primaryKey();
		Map<String, Column> columns = new LinkedHashMap<>();
		for (ColumnCompiler property : this.properties.values()) {
			boolean notNull = !property.isNullable()
					&& (required.contains(property.name()) || primaryKey.columns().contains(property.name()));
			columns.put(property.name(), property.compile(notNull));
		}
		List<Index> indexes = indexes();

		List<String> definitions = new ArrayList<>();
		for (Column column : columns.values()) {
			definitions.add(columnDefinition(column, primaryKey));
		}
		if (primaryKey.columns().size() > 1) {
			definitions.add("PRIMARY KEY " + columnList(primaryKey.columns()));
		}
		Set<String> uniqueColumns = uniqueColumns(primaryKey, columns, indexes);
		for (Column column : columns.values()) {
			ReferenceSchema references = this.properties.get(column.name()).property().getReferences();
			if (references != null) {
				definitions.add(foreignKey(column, references, uniqueColumns));
			}
		}

		List<String> statements = new ArrayList<>();
		statements.add("CREATE TABLE IF NOT EXISTS " + Sql.identifier(this.table) + " (\n  "
				+ String.join(",\n  ", definitions) + "\n)");
		for (Index index : indexes) {
			statements.add("CREATE " + (index.unique() ? "UNIQUE " : "") + "INDEX IF NOT EXISTS "
					+ Sql.identifier(index.name()) + " ON " + Sql.identifier(this.table) + " "
					+ columnList(index.columns()));
		}
		return List.copyOf(statements);
	}

	private static String tableName(@Nullable String id) {
		if (id == null) {
			throw InvalidSchemaException.of(null, null, "$id", "the table name is missing",
					"set '$id' to the table name");
		}
		if (id.isEmpty()) {
			throw InvalidSchemaException.of(null, null, "$id", "the table name is empty",
					"set '$id' to the table name");
		}
		String problem = Names.textProblem(id);
		if (problem != null) {
			throw InvalidSchemaException.of(null, null, "$id", "the table name " + problem, "choose another name");
		}
		if (Names.isReserved(id)) {
			throw InvalidSchemaException.of(id, null, "$id",
					"SQLite reserves names that start with '" + Names.RESERVED_PREFIX + "' for its own tables",
					"choose another name");
		}
		return id;
	}

	private Map<String, ColumnCompiler> properties(@Nullable Map<String, @Nullable PropertySchema> schemas) {
		if (schemas == null || schemas.isEmpty()) {
			throw invalid(null, "properties", "the table has no properties", "add one property per column");
		}
		if (schemas.size() > MAX_COLUMNS) {
			throw invalid(null, "properties", "the table has " + schemas.size() + " properties, but SQLite allows "
					+ MAX_COLUMNS + " columns by default", "split the table");
		}
		Map<String, String> namesByFolded = new HashMap<>();
		Map<String, ColumnCompiler> compilers = new LinkedHashMap<>();
		for (Map.Entry<String, @Nullable PropertySchema> entry : schemas.entrySet()) {
			String name = entry.getKey();
			if (name == null) {
				throw invalid(null, "properties", "a property name is null", "give the column a name");
			}
			if (name.isEmpty()) {
				throw invalid(name, "properties", "the property name is empty", "give the column a name");
			}
			String problem = Names.textProblem(name);
			if (problem != null) {
				throw invalid(name, "properties", "the property name " + problem, "rename the property");
			}
			String other = namesByFolded.putIfAbsent(Names.fold(name), name);
			if (other != null) {
				throw invalid(name, "properties",
						"it differs from property " + Names.describe(other)
								+ " only in letter case, but SQLite column names ignore ASCII case",
						"rename one of the two");
			}
			PropertySchema property = entry.getValue();
			if (property == null) {
				throw invalid(name, "properties", "the property schema is null",
						"describe the column with an object such as {\"type\": \"string\"}");
			}
			compilers.put(name, new ColumnCompiler(this.table, name, property));
		}
		return compilers;
	}

	private Set<String> required() {
		List<String> names = this.schema.getRequired();
		if (names == null) {
			return Set.of();
		}
		Set<String> required = new HashSet<>();
		for (String name : names) {
			required.add(existingProperty(name, "required"));
		}
		return required;
	}

	private PrimaryKey primaryKey() {
		List<String> byProperty = new ArrayList<>();
		String autoIncrement = null;
		for (ColumnCompiler property : this.properties.values()) {
			if (Boolean.TRUE.equals(property.property().getPrimaryKey())) {
				byProperty.add(property.name());
			}
			if (Boolean.TRUE.equals(property.property().getAutoIncrement())) {
				if (autoIncrement != null) {
					throw invalid(property.name(), AUTO_INCREMENT,
							"property " + Names.describe(autoIncrement)
									+ " is an auto-increment column too, but a table has at most one",
							"keep 'x-dorm-auto-increment' on one property");
				}
				autoIncrement = property.name();
			}
		}
		List<String> columns = byProperty;
		List<String> byTable = this.schema.getPrimaryKey();
		if (byTable != null) {
			if (!byProperty.isEmpty()) {
				throw invalid(byProperty.get(0), PRIMARY_KEY,
						"the primary key is declared both on this property and at table level",
						"declare it in one place: true on each key property, or the table-level array");
			}
			columns = columns(byTable, PRIMARY_KEY);
		}
		if (autoIncrement != null) {
			columns = autoIncrementKey(autoIncrement, columns);
		}
		for (String column : columns) {
			if (this.properties.get(column).isNullable()) {
				throw invalid(column, PRIMARY_KEY,
						"a primary key column cannot hold NULL, but its type includes \"null\"",
						"remove \"null\" from 'type'");
			}
		}
		return new PrimaryKey(List.copyOf(columns), autoIncrement);
	}

	private List<String> autoIncrementKey(String name, List<String> declared) {
		ColumnCompiler property = this.properties.get(name);
		if (property.type() != ColumnType.INTEGER) {
			throw invalid(name, AUTO_INCREMENT,
					"SQLite allows AUTOINCREMENT only on an INTEGER column, but this column " + "is "
							+ property.type().jsonType(),
					"set 'type' to \"integer\" or remove 'x-dorm-auto-increment'");
		}
		if (Boolean.FALSE.equals(property.property().getPrimaryKey())) {
			throw invalid(name, AUTO_INCREMENT,
					"it makes the column the primary key, but 'x-dorm-primary-key' is false",
					"remove 'x-dorm-primary-key': false");
		}
		if (declared.size() > 1) {
			throw invalid(name, AUTO_INCREMENT,
					"SQLite allows AUTOINCREMENT only on a single-column primary key, but "
							+ "the primary key is composite " + columnList(declared),
					"remove 'x-dorm-auto-increment' or make this column the only primary key column");
		}
		if (declared.size() == 1 && !declared.get(0).equals(name)) {
			throw invalid(name, AUTO_INCREMENT,
					"it makes the column the primary key, but the primary key is " + Names.describe(declared.get(0)),
					"remove 'x-dorm-auto-increment' or make this column the primary key");
		}
		if (property.property().getDefaultValue() != null) {
			throw invalid(name, "x-dorm-default", "an auto-increment column takes its values from SQLite",
					"remove 'x-dorm-default'");
		}
		return List.of(name);
	}

	private List<Index> indexes() {
		List<Index> indexes = new ArrayList<>();
		for (ColumnCompiler property : this.properties.values()) {
			Index index = propertyIndex(property);
			if (index != null) {
				indexes.add(index);
			}
		}
		List<List<String>> uniqueGroups = this.schema.getUnique();
		if (uniqueGroups != null) {
			for (List<String> group : uniqueGroups) {
				List<String> columns = columns(group, "x-dorm-unique");
				indexes.add(new Index(generatedName("uq_", columns), true, columns, "x-dorm-unique", null));
			}
		}
		List<@Nullable IndexSchema> indexSchemas = this.schema.getIndexes();
		if (indexSchemas != null) {
			for (IndexSchema index : indexSchemas) {
				indexes.add(tableIndex(index));
			}
		}
		Map<String, Index> byName = new HashMap<>();
		for (Index index : indexes) {
			Index other = byName.putIfAbsent(Names.fold(index.name()), index);
			if (other != null) {
				throw invalid(index.property(), index.rule(), "two indexes are named " + Names.describe(index.name())
						+ ", and SQLite index names ignore ASCII case", "give one of them another name");
			}
			if (Names.fold(index.name()).equals(Names.fold(this.table))) {
				throw invalid(index.property(), index.rule(),
						"the index name " + Names.describe(index.name())
								+ " is the table name, but tables and indexes share one namespace in SQLite",
						"give the index another name");
			}
		}
		return indexes;
	}

	private @Nullable Index propertyIndex(ColumnCompiler property) {
		JsonNode value = property.property().getIndex();
		if (value == null || value.isNull() || (value.isBoolean() && !value.booleanValue())) {
			return null;
		}
		List<String> columns = List.of(property.name());
		if (value.isBoolean()) {
			return new Index(generatedName("idx_", columns), false, columns, "x-dorm-index", property.name());
		}
		if (!value.isString()) {
			throw invalid(property.name(), "x-dorm-index", Names.describe(value) + " is neither a boolean nor a name",
					"use true for an index named idx_<table>_<column>, or a string for the index name");
		}
		String name = indexName(value.stringValue(), "x-dorm-index", property.name());
		return new Index(name, false, columns, "x-dorm-index", property.name());
	}

	private Index tableIndex(@Nullable IndexSchema index) {
		String rule = "x-dorm-indexes";
		if (index == null) {
			throw invalid(null, rule, "an entry is null",
					"describe each index with an object such as " + "{\"columns\": [\"owner\", \"created\"]}");
		}
		Keywords.rejectAny(index.getOtherKeywords(), INDEX_KEYS, this.table, null, rule);
		List<String> columns = columns(index.getColumns(), rule);
		boolean unique = Boolean.TRUE.equals(index.getUnique());
		String name = (index.getName() != null) ? indexName(index.getName(), rule, null)
				: generatedName(unique ? "uq_" : "idx_", columns);
		return new Index(name, unique, columns, rule, null);
	}

	private String indexName(String name, String rule, @Nullable String property) {
		if (name.isEmpty()) {
			throw invalid(property, rule, "the index name is empty", "give the index a name");
		}
		String problem = Names.textProblem(name);
		if (problem != null) {
			throw invalid(property, rule, "the index name " + problem, "choose another name");
		}
		if (Names.isReserved(name)) {
			throw invalid(property, rule, "the index name " + Names.describe(name) + " starts with '"
					+ Names.RESERVED_PREFIX + "', which SQLite reserves for its own indexes", "choose another name");
		}
		return name;
	}

	private String generatedName(String prefix, List<String> columns) {
		return prefix + this.table + "_" + String.join("_", columns);
	}

	/**
	 * Return the columns that SQLite accepts as the parent key of a foreign key on its
	 * own: the single-column primary key and single-column unique constraints and
	 * indexes.
	 */
	private static Set<String> uniqueColumns(PrimaryKey primaryKey, Map<String, Column> columns, List<Index> indexes) {
		Set<String> unique = new HashSet<>();
		if (primaryKey.columns().size() == 1) {
			unique.add(primaryKey.columns().get(0));
		}
		for (Column column : columns.values()) {
			if (column.unique()) {
				unique.add(column.name());
			}
		}
		for (Index index : indexes) {
			if (index.unique() && index.columns().size() == 1) {
				unique.add(index.columns().get(0));
			}
		}
		return unique;
	}

	private String foreignKey(Column column, ReferenceSchema references, Set<String> uniqueColumns) {
		String name = column.name();
		Keywords.rejectAny(references.getOtherKeywords(), REFERENCE_KEYS, this.table, name, REFERENCES);
		String referencedTable = referenceName(name, "table", references.getTable());
		String referenced = referenceName(name, "column", references.getColumn());
		String onDelete = action(column, "onDelete", references.getOnDelete());
		String onUpdate = action(column, "onUpdate", references.getOnUpdate());
		if (Names.fold(referencedTable).equals(Names.fold(this.table))) {
			if (!this.properties.containsKey(referenced)) {
				throw invalid(name, REFERENCES, "it references column " + Names.describe(referenced)
						+ " of this table, which has no such property", "reference an existing property");
			}
			if (!uniqueColumns.contains(referenced)) {
				throw invalid(name, REFERENCES,
						"SQLite requires the referenced column " + Names.describe(referenced)
								+ " to be the primary key or to have a unique index, and it has neither",
						"add 'x-dorm-unique': true to property " + Names.describe(referenced));
			}
		}
		StringBuilder sql = new StringBuilder("FOREIGN KEY (").append(Sql.identifier(name))
			.append(") REFERENCES ")
			.append(Sql.identifier(referencedTable))
			.append(" (")
			.append(Sql.identifier(referenced))
			.append(")");
		if (onDelete != null) {
			sql.append(" ON DELETE ").append(onDelete);
		}
		if (onUpdate != null) {
			sql.append(" ON UPDATE ").append(onUpdate);
		}
		return sql.toString();
	}

	private String referenceName(String property, String key, @Nullable String name) {
		if (name == null || name.isEmpty()) {
			throw invalid(property, REFERENCES, "the referenced " + key + " is missing or empty",
					"set '" + key + "' in 'x-dorm-references'");
		}
		String problem = Names.textProblem(name);
		if (problem != null) {
			throw invalid(property, REFERENCES, "the referenced " + key + " " + problem,
					"set '" + key + "' to the name of the " + key);
		}
		return name;
	}

	private @Nullable String action(Column column, String key, @Nullable String value) {
		if (value == null) {
			return null;
		}
		String action = null;
		for (String candidate : ACTIONS) {
			if (Names.fold(candidate).equals(Names.fold(value))) {
				action = candidate;
			}
		}
		if (action == null) {
			throw invalid(column.name(), REFERENCES,
					"'" + key + "' is " + Names.describe(value) + ", which is not an SQLite foreign key action",
					"use one of " + String.join(", ", ACTIONS));
		}
		if (action.equals("SET NULL") && column.notNull()) {
			throw invalid(column.name(), REFERENCES, "'" + key + "' is SET NULL, but the column is NOT NULL",
					"use another action, or make the column nullable");
		}
		if (action.equals("SET DEFAULT") && column.notNull() && column.defaultLiteral() == null) {
			throw invalid(column.name(), REFERENCES,
					"'" + key + "' is SET DEFAULT, but the column is NOT NULL and has "
							+ "no 'x-dorm-default', so the default is NULL",
					"add 'x-dorm-default' or use another action");
		}
		return action;
	}

	private String existingProperty(@Nullable String name, String rule) {
		if (name == null) {
			throw invalid(null, rule, "it contains null", "list property names as strings");
		}
		if (!this.properties.containsKey(name)) {
			String sameLetters = null;
			for (String property : this.properties.keySet()) {
				if (Names.fold(property).equals(Names.fold(name))) {
					sameLetters = property;
				}
			}
			throw invalid(name, rule,
					"it names " + Names.describe(name) + ", which is not a property"
							+ ((sameLetters != null) ? " (names are case-sensitive here, and the property is "
									+ Names.describe(sameLetters) + ")" : ""),
					"use the exact name of a property");
		}
		return name;
	}

	private List<String> columns(@Nullable List<String> names, String rule) {
		if (names == null || names.isEmpty()) {
			throw invalid(null, rule, "a column list is empty", "name at least one property");
		}
		Set<String> seen = new HashSet<>();
		for (String name : names) {
			existingProperty(name, rule);
			if (!seen.add(name)) {
				throw invalid(name, rule, "a column list names " + Names.describe(name) + " twice",
						"name each column once");
			}
		}
		return List.copyOf(names);
	}

	private static String columnDefinition(Column column, PrimaryKey primaryKey) {
		StringBuilder sql = new StringBuilder(Sql.identifier(column.name())).append(" ")
			.append(column.type().sqlType());
		if (primaryKey.columns().size() == 1 && primaryKey.columns().get(0).equals(column.name())) {
			sql.append(" PRIMARY KEY");
			if (column.name().equals(primaryKey.autoIncrement())) {
				sql.append(" AUTOINCREMENT");
			}
		}
		if (column.unique()) {
			sql.append(" UNIQUE");
		}
		if (column.notNull()) {
			sql.append(" NOT NULL");
		}
		if (column.defaultLiteral() != null) {
			sql.append(" DEFAULT ").append(column.defaultLiteral());
		}
		for (String check : column.checks()) {
			sql.append(" CHECK (").append(check).append(")");
		}
		return sql.toString();
	}

	private static String columnList(List<String> columns) {
		List<String> identifiers = new ArrayList<>(columns.size());
		for (String column : columns) {
			identifiers.add(Sql.identifier(column));
		}
		return "(" + String.join(", ", identifiers) + ")";
	}

	private InvalidSchemaException invalid(@Nullable String property, String rule, String problem, String action) {
		return InvalidSchemaException.of(this.table, property, rule, problem, action);
	}

	/**
	 * The primary key of a table.
	 *
	 * @param columns the key columns in key order, empty if the table has no declared key
	 * @param autoIncrement the auto-increment column, or {@code null} if none
	 */
	private record PrimaryKey(List<String> columns, @Nullable String autoIncrement) {

	}

	/**
	 * One index of a table.
	 *
	 * @param name the index name
	 * @param unique whether it is unique
	 * @param columns the indexed columns in index order
	 * @param rule the keyword that declared it
	 * @param property the property that declared it, or {@code null} for a table-level
	 * keyword
	 */
	private record Index(String name, boolean unique, List<String> columns, String rule, @Nullable String property) {

	}

}
