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

package dev.dorm.autoconfigure;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import dev.dorm.DatabaseName;
import dev.dorm.DormClient;
import dev.dorm.mirror.ChangeCapture;
import dev.dorm.mirror.MirrorDestination;
import dev.dorm.mirror.MirrorListener;
import dev.dorm.mirror.MirrorRelay;
import dev.dorm.mirror.MirrorSettings;
import dev.dorm.mirror.OutboxRecord;
import dev.dorm.mirror.RelaySettings;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for mirroring the committed writes
 * of the kinds that set {@code dorm.kinds.<kind>.mirror.enabled}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = { DormAutoConfiguration.class, DormTenantAutoConfiguration.class })
@ConditionalOnBooleanProperty(name = "dorm.enabled", matchIfMissing = true)
public final class DormMirrorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ChangeCapture dormChangeCapture(DormProperties properties, ObjectProvider<MirrorRelay> relay) {
		Map<String, MirrorSettings> kinds = new LinkedHashMap<>();
		properties.getKinds().forEach((kind, settings) -> {
			DormProperties.KindMirror mirror = settings.getMirror();
			if (mirror.isEnabled()) {
				MirrorSettings mirrorSettings = new MirrorSettings();
				mirrorSettings.setTables(mirror.getTables());
				mirrorSettings.setExcludedTables(mirror.getExcludedTables());
				kinds.put(kind, mirrorSettings);
			}
		});
		return new ChangeCapture(kinds, (name) -> relay.ifAvailable((available) -> available.markDirty(name)));
	}

	@Bean(initMethod = "start")
	@ConditionalOnMissingBean
	MirrorRelay dormMirrorRelay(DormProperties properties, DormClient dormClient, BeanFactory beanFactory,
			ObjectProvider<MirrorListener> listeners) {
		Map<String, MirrorDestination> destinations = new LinkedHashMap<>();
		properties.getKinds().forEach((kind, settings) -> {
			DormProperties.KindMirror mirror = settings.getMirror();
			if (mirror.isEnabled()) {
				destinations.put(kind, destination(kind, mirror, properties, dormClient, beanFactory));
			}
		});
		return MirrorRelay.create(dormClient, destinations, relaySettings(properties.getMirror()),
				new CompositeMirrorListener(listeners.orderedStream().toList()));
	}

	private static MirrorDestination destination(String kind, DormProperties.KindMirror mirror,
			DormProperties properties, DormClient dormClient, BeanFactory beanFactory) {
		String target = mirror.getTarget();
		if (target.startsWith(DormSettingsMapper.BEAN_TARGET_PREFIX)) {
			String beanName = target.substring(DormSettingsMapper.BEAN_TARGET_PREFIX.length());
			return new MirrorDestination(beanFactory.getBean(beanName, DataSource.class),
					"data source '" + beanName + "'");
		}
		DatabaseName name = DormSettingsMapper.mirrorTarget(kind, mirror, properties.getDefaultKind());
		return new MirrorDestination(dormClient.database(name).dataSource(), "database '" + name + "'");
	}

	private static RelaySettings relaySettings(DormProperties.Mirror mirror) {
		RelaySettings settings = new RelaySettings();
		settings.setThreads(mirror.getThreads());
		settings.setBatchSize(mirror.getBatchSize());
		settings.setMaxAttempts(mirror.getMaxAttempts());
		settings.setInitialBackoff(mirror.getInitialBackoff());
		settings.setMaxBackoff(mirror.getMaxBackoff());
		settings.setScanOnStart(mirror.isScanOnStart());
		return settings;
	}

	/**
	 * Passes relay events to every {@link MirrorListener} bean.
	 */
	static final class CompositeMirrorListener implements MirrorListener {

		private final List<MirrorListener> listeners;

		CompositeMirrorListener(List<MirrorListener> listeners) {
			this.listeners = listeners;
		}

		@Override
		public void applied(DatabaseName tenant, long lagMillis) {
			this.listeners.forEach((listener) -> listener.applied(tenant, lagMillis));
		}

		@Override
		public void failed(DatabaseName tenant, boolean targetReachable, Exception ex) {
			this.listeners.forEach((listener) -> listener.failed(tenant, targetReachable, ex));
		}

		@Override
		public void parked(DatabaseName tenant, OutboxRecord record) {
			this.listeners.forEach((listener) -> listener.parked(tenant, record));
		}

	}

}
