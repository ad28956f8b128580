package org.openjobspec.ee.rest;

import java.security.SecureRandom;
import java.util.UUID;

/** Time-ordered UUIDv7 values (RFC 9562), lowercase, as OJS uses for job and request ids. */
public final class Uuid7 {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Uuid7() {
    }

    /** A new UUIDv7 string such as {@code 0195d5a2-7b1c-7e3a-9f00-4c1d2e3f4a5b}. */
    public static String next() {
        long millis = System.currentTimeMillis();
        long randA = RANDOM.nextInt(1 << 12);
        long randB = RANDOM.nextLong();
        long most = (millis << 16) | 0x7000L | randA;
        long least = (randB & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(most, least).toString();
    }
}
