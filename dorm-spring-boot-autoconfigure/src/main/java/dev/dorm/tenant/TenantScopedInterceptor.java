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

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import dev.dorm.NoTenantException;
import dev.dorm.TenantContext;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;
import org.springframework.context.expression.MethodBasedEvaluationContext;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.expression.Expression;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.util.ClassUtils;

/**
 * Applies {@link TenantScoped @TenantScoped} to method calls.
 *
 * @since 0.1.0
 */
public class TenantScopedInterceptor implements MethodInterceptor {

	private final SpelExpressionParser parser = new SpelExpressionParser();

	private final ParameterNameDiscoverer parameterNames = new DefaultParameterNameDiscoverer();

	private final Map<Method, Expression> expressions = new ConcurrentHashMap<>();

	private final Supplier<@Nullable String> requestTenant;

	/**
	 * Create an interceptor for applications without a web layer.
	 */
	public TenantScopedInterceptor() {
		this(() -> null);
	}

	/**
	 * Create an interceptor.
	 * @param requestTenant returns the tenant of the current HTTP request, or
	 * {@code null} outside a request; asked when a method without a key runs with no
	 * tenant bound
	 */
	public TenantScopedInterceptor(Supplier<@Nullable String> requestTenant) {
		this.requestTenant = requestTenant;
	}

	@Override
	public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
		Method method = invocation.getMethod();
		Class<?> targetClass = (invocation.getThis() != null) ? AopUtils.getTargetClass(invocation.getThis())
				: method.getDeclaringClass();
		TenantScoped scoped = findAnnotation(AopUtils.getMostSpecificMethod(method, targetClass), targetClass);
		String tenant = (scoped != null && !scoped.key().isEmpty()) ? evaluate(scoped.key(), invocation)
				: currentTenant(method);
		String previous = TenantContext.getTenant();
		TenantContext.setTenant(tenant);
		try {
			return invocation.proceed();
		}
		finally {
			TenantContext.setTenant(previous);
		}
	}

	private @Nullable TenantScoped findAnnotation(Method method, Class<?> targetClass) {
		TenantScoped scoped = AnnotatedElementUtils.findMergedAnnotation(method, TenantScoped.class);
		return (scoped != null) ? scoped : AnnotatedElementUtils.findMergedAnnotation(targetClass, TenantScoped.class);
	}

	private String evaluate(String key, MethodInvocation invocation) {
		Method method = invocation.getMethod();
		Expression expression = this.expressions.computeIfAbsent(method, (m) -> this.parser.parseExpression(key));
		MethodBasedEvaluationContext context = new MethodBasedEvaluationContext(invocation.getThis(), method,
				invocation.getArguments(), this.parameterNames);
		Object value = expression.getValue(context);
		if (value == null) {
			throw new NoTenantException("@TenantScoped key '" + key + "' of "
					+ ClassUtils.getQualifiedMethodName(method) + " evaluated to null; pass a tenant");
		}
		return value.toString();
	}

	private String currentTenant(Method method) {
		String tenant = TenantContext.getTenant();
		if (tenant != null) {
			return tenant;
		}
		String fromRequest = this.requestTenant.get();
		if (fromRequest != null) {
			return fromRequest;
		}
		throw new NoTenantException("No tenant is bound for @TenantScoped method "
				+ ClassUtils.getQualifiedMethodName(method) + "; call it within a request that names a tenant, "
				+ "bind one with TenantContext.run(tenant, ...), or set the annotation's key");
	}

}
