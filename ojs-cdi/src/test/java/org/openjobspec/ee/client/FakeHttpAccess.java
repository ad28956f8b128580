package org.openjobspec.ee.client;

import java.net.URI;
import java.util.Map;

/** A slow {@link FakeHttp} for tests in other packages. */
public final class FakeHttpAccess implements AutoCloseable {

    private final FakeHttp fake;

    public FakeHttpAccess(long delayMillis) throws java.io.IOException {
        fake = new FakeHttp();
        fake.answer(new FakeHttp.Answer(200, Map.of("Content-Type", "application/json"), "{\"queues\":[]}", delayMillis));
    }

    public URI url() {
        return fake.url();
    }

    @Override
    public void close() {
        fake.close();
    }
}
