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

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a tenant for the duration of a method call and restores the previous tenant
 * afterwards. On a type, it applies to every public method of the type.
 * <p>
 * Without a {@link #key()}, the call uses the tenant already bound to the thread, or the
 * tenant of the current HTTP request, and fails with {@link dev.dorm.NoTenantException}
 * if there is none. With a key, a SpEL expression over the method's parameters such as
 * {@code #tenantId}, the call uses the tenant the expression evaluates to.
 * <p>
 * The binding happens before a {@code @Transactional} advice on the same method, so the
 * transaction runs on the bound tenant's database.
 *
 * @since 0.1.0
 */
@Target({ ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface TenantScoped {

	/**
	 * SpEL expression that evaluates to the tenant, such as {@code #tenantId} or
	 * {@code #order.tenant}. Empty to use the current tenant.
	 * @return the expression
	 */
	String key() default "";

}
