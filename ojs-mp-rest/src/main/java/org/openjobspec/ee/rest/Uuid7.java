package org.openjobspec.ee.rest;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Time-ordered UUIDv7 values (RFC 9562), lowercase, as OJS uses for job and request ids.
 *
 * <p>The random bits come from {@link ThreadLocalRandom}: unique enough to tell requests apart in logs, but not
 * unguessable. A shared {@code SecureRandom} serialised every request of every thread on one lock.
 */
public final class Uuid7 {

    private Uuid7() {
    }

    /** A new UUIDv7 string such as {@code 0195d5a2-7b1c-7e3a-9f00-4c1d2e3f4a5b}. */
    public static String next() {
        long millis = System.currentTimeMillis();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long randA = random.nextInt(1 << 12);
        long randB = random.nextLong();
        long most = (millis << 16) | 0x7000L | randA;
        long least = (randB & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(most, least).toString();
    }
}
