package org.openjobspec.ee.testing.internal.server;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/** One open SSE stream's mailbox. Offers never block: a slow reader loses events (best effort, as in LITE). */
final class SseSink {
    static final String CLOSE = "\u0000close";
    private final BlockingQueue<String> frames = new ArrayBlockingQueue<>(1024);
    private final boolean closeOnTerminal;

    SseSink(boolean closeOnTerminal) {
        this.closeOnTerminal = closeOnTerminal;
    }

    boolean closeOnTerminal() {
        return closeOnTerminal;
    }

    void offer(String frame) {
        frames.offer(frame);
    }

    /** Ends the stream after the frames already queued. */
    void finish() {
        frames.offer(CLOSE);
    }

    /** Ends the stream now (server stop). */
    void close() {
        frames.clear();
        frames.offer(CLOSE);
    }

    /** Next frame, null on timeout, {@link #CLOSE} when the stream must end. */
    public String poll(long millis) throws InterruptedException {
        return frames.poll(millis, TimeUnit.MILLISECONDS);
    }

    public static boolean isClose(String frame) {
        return CLOSE.equals(frame);
    }
}
