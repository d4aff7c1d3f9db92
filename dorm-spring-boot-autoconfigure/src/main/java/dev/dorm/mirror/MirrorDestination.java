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

import javax.sql.DataSource;

/**
 * Target of the changes of a mirrored kind: a SQLite or PostgreSQL data source.
 *
 * @param dataSource the data source of the mirror database
 * @param description the mirror for messages, such as {@code database 'aggregate:main'}
 * @since 0.1.0
 */
public record MirrorDestination(DataSource dataSource, String description) {

}
