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

import java.time.Duration;

/**
 * Settings of a {@link MirrorRelay}.
 *
 * @since 0.1.0
 */
public class RelaySettings {

	private int threads = 1;

	private int batchSize = 500;

	private int maxAttempts = 10;

	private Duration initialBackoff = Duration.ofMillis(500);

	private Duration maxBackoff = Duration.ofMinutes(1);

	private boolean scanOnStart = true;

	/**
	 * Return the number of relay threads.
	 * @return the number of threads
	 */
	public int getThreads() {
		return this.threads;
	}

	/**
	 * Set the number of relay threads. Each thread works on one tenant at a time. Default
	 * is 1.
	 * @param threads the number of threads
	 */
	public void setThreads(int threads) {
		this.threads = threads;
	}

	/**
	 * Return the number of changes applied in one target transaction.
	 * @return the batch size
	 */
	public int getBatchSize() {
		return this.batchSize;
	}

	/**
	 * Set the number of changes applied in one target transaction. Default is 500.
	 * @param batchSize the batch size
	 */
	public void setBatchSize(int batchSize) {
		this.batchSize = batchSize;
	}

	/**
	 * Return how often a change the target rejects is tried before it is parked.
	 * @return the maximum number of attempts
	 */
	public int getMaxAttempts() {
		return this.maxAttempts;
	}

	/**
	 * Set how often a change the target rejects is tried before it is parked. Failures
	 * while the target is unreachable do not count. Default is 10.
	 * @param maxAttempts the maximum number of attempts
	 */
	public void setMaxAttempts(int maxAttempts) {
		this.maxAttempts = maxAttempts;
	}

	/**
	 * Return the wait before the first retry.
	 * @return the initial backoff
	 */
	public Duration getInitialBackoff() {
		return this.initialBackoff;
	}

	/**
	 * Set the wait before the first retry; each further failure doubles it up to
	 * {@link #getMaxBackoff()}. Default is 500 milliseconds.
	 * @param initialBackoff the initial backoff
	 */
	public void setInitialBackoff(Duration initialBackoff) {
		this.initialBackoff = initialBackoff;
	}

	/**
	 * Return the longest wait between retries.
	 * @return the maximum backoff
	 */
	public Duration getMaxBackoff() {
		return this.maxBackoff;
	}

	/**
	 * Set the longest wait between retries. Default is 1 minute.
	 * @param maxBackoff the maximum backoff
	 */
	public void setMaxBackoff(Duration maxBackoff) {
		this.maxBackoff = maxBackoff;
	}

	/**
	 * Return whether the relay looks for pending changes in every mirrored database when
	 * it starts.
	 * @return whether to scan on start
	 */
	public boolean isScanOnStart() {
		return this.scanOnStart;
	}

	/**
	 * Set whether the relay looks for pending changes in every mirrored database when it
	 * starts, which picks up changes committed before a crash. Default is {@code true}.
	 * @param scanOnStart whether to scan on start
	 */
	public void setScanOnStart(boolean scanOnStart) {
		this.scanOnStart = scanOnStart;
	}

}
