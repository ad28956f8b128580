package org.openjobspec.ee.telemetry.internal;

import org.openjobspec.ee.internal.spi.EnqueueObserver;
import org.openjobspec.ee.internal.spi.JobObserver;

/**
 * Both of ojs-cdi's hooks, as one object: the telemetry bean delegates to the OpenTelemetry-backed implementation
 * through this type, so that the bean itself names no OpenTelemetry type and loads where the API is missing.
 */
public interface Hooks extends EnqueueObserver, JobObserver {

    /** What is reported, for the start-up log line. */
    String description();
}
