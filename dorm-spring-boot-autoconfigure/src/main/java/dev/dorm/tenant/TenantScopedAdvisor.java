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

import org.aopalliance.aop.Advice;

import org.springframework.aop.Pointcut;
import org.springframework.aop.support.AbstractPointcutAdvisor;
import org.springframework.aop.support.ComposablePointcut;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;
import org.springframework.core.Ordered;

/**
 * Advisor that applies {@link TenantScopedInterceptor} to methods and types annotated
 * with {@link TenantScoped @TenantScoped}. Its order runs it outside transaction advice,
 * so the tenant is bound before a transaction takes a connection.
 *
 * @since 0.1.0
 */
public class TenantScopedAdvisor extends AbstractPointcutAdvisor {

	/**
	 * Order of the advisor: just before {@link Ordered#LOWEST_PRECEDENCE}, where Spring's
	 * transaction advisor runs by default.
	 */
	public static final int ORDER = Ordered.LOWEST_PRECEDENCE - 1000;

	private final TenantScopedInterceptor interceptor;

	private final Pointcut pointcut = new ComposablePointcut(new AnnotationMatchingPointcut(TenantScoped.class, true))
		.union(new AnnotationMatchingPointcut(null, TenantScoped.class, true));

	/**
	 * Create an advisor.
	 * @param interceptor the interceptor to apply
	 */
	public TenantScopedAdvisor(TenantScopedInterceptor interceptor) {
		this.interceptor = interceptor;
		setOrder(ORDER);
	}

	@Override
	public Pointcut getPointcut() {
		return this.pointcut;
	}

	@Override
	public Advice getAdvice() {
		return this.interceptor;
	}

}
