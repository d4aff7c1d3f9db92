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

package dev.dorm.registry;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

/**
 * Exclusive, reentrant ownership of a database's writer connection. Unlike
 * {@link java.util.concurrent.locks.ReentrantLock}, the last hold may be released by
 * another thread, so a cursor opened on one thread can be closed on another.
 */
final class WriterLock {

	private final Semaphore permit = new Semaphore(1);

	private final AtomicInteger holds = new AtomicInteger();

	private volatile @Nullable Thread owner;

	/**
	 * Take the lock, or add a hold if the current thread owns it.
	 * @param timeoutNanos how long to wait
	 * @return whether the lock was taken
	 * @throws InterruptedException if the thread was interrupted while waiting
	 */
	boolean acquire(long timeoutNanos) throws InterruptedException {
		if (addHoldIfOwner()) {
			return true;
		}
		if (!this.permit.tryAcquire(timeoutNanos, TimeUnit.NANOSECONDS)) {
			return false;
		}
		takeOwnership();
		return true;
	}

	/**
	 * Take the lock if it is free and no thread waits for it, or add a hold if the
	 * current thread owns it.
	 * @return whether the lock was taken
	 */
	boolean tryAcquireIfUncontended() {
		if (addHoldIfOwner()) {
			return true;
		}
		if (this.permit.hasQueuedThreads() || !this.permit.tryAcquire()) {
			return false;
		}
		takeOwnership();
		return true;
	}

	private boolean addHoldIfOwner() {
		if (this.owner == Thread.currentThread()) {
			this.holds.incrementAndGet();
			return true;
		}
		return false;
	}

	private void takeOwnership() {
		this.owner = Thread.currentThread();
		this.holds.set(1);
	}

	/**
	 * Return whether the current thread owns the lock.
	 * @return whether the current thread owns the lock
	 */
	boolean isHeldByCurrentThread() {
		return this.owner == Thread.currentThread();
	}

	/**
	 * Return whether the next {@link #release()} frees the lock.
	 * @return whether one hold is left
	 */
	boolean isLastHold() {
		return this.holds.get() == 1;
	}

	/**
	 * Return whether any thread owns the lock.
	 * @return whether the lock is taken
	 */
	boolean isLocked() {
		return this.permit.availablePermits() == 0;
	}

	/**
	 * Remove one hold, and free the lock when none is left.
	 */
	void release() {
		int remaining = this.holds.decrementAndGet();
		if (remaining == 0) {
			this.owner = null;
			this.permit.release();
		}
		else if (remaining < 0) {
			this.holds.incrementAndGet();
			throw new IllegalStateException("Writer lock released more often than it was acquired");
		}
	}

}
