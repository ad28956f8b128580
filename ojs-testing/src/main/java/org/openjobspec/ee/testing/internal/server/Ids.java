package org.openjobspec.ee.testing.internal.server;

import java.util.concurrent.ThreadLocalRandom;

/**
 * UUIDv7 ids (lowercase), as OJS servers generate them. The random part comes from a fast non-cryptographic
 * generator: ids of a test server must be unique, not unguessable, and one is made for every job and event.
 */
final class Ids {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Ids() {
    }

    public static String uuidV7() {
        byte[] b = new byte[16];
        ThreadLocalRandom.current().nextBytes(b);
        long ms = System.currentTimeMillis();
        for (int i = 0; i < 6; i++) {
            b[i] = (byte) (ms >>> (40 - 8 * i));
        }
        b[6] = (byte) ((b[6] & 0x0f) | 0x70);
        b[8] = (byte) ((b[8] & 0x3f) | 0x80);
        StringBuilder s = new StringBuilder(36);
        for (int i = 0; i < 16; i++) {
            if (i == 4 || i == 6 || i == 8 || i == 10) {
                s.append('-');
            }
            s.append(HEX[(b[i] >> 4) & 0xf]).append(HEX[b[i] & 0xf]);
        }
        return s.toString();
    }
}
