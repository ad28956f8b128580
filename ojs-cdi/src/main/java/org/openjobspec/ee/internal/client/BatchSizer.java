package org.openjobspec.ee.internal.client;

import jakarta.json.bind.Jsonb;
import java.io.OutputStream;

/**
 * The size of a request body as it is sent: the bytes of its JSON, written by the same JSON-B defaults the REST
 * client writes with, counted without keeping them.
 */
final class BatchSizer {

    /** {@code {"jobs":[]}}: a batch body without its jobs; each job after the first adds a comma. */
    static final long EMPTY_BATCH = "{\"jobs\":[]}".length();

    private final Jsonb jsonb;

    BatchSizer(Jsonb jsonb) {
        this.jsonb = jsonb;
    }

    /** The bytes of {@code body} as JSON (UTF-8). */
    long bytes(Object body) {
        Counting counting = new Counting();
        jsonb.toJson(body, counting);
        return counting.count;
    }

    private static final class Counting extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
