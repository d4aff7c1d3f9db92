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

package dev.dorm.tenant;

import dev.dorm.TenantContext;

import org.springframework.core.task.TaskDecorator;

/**
 * Carries the tenant of the thread that submits a task to the thread that runs it. A task
 * submitted with no tenant runs with none, even on a thread that had one. Spring Boot
 * applies every {@code TaskDecorator} bean to the executors it builds, including the one
 * behind {@code @Async} and virtual-thread executors.
 *
 * @since 0.1.0
 */
public class TenantTaskDecorator implements TaskDecorator {

	@Override
	public Runnable decorate(Runnable runnable) {
		return TenantContext.wrap(TenantContext.getTenant(), runnable);
	}

}
