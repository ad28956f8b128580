package org.openjobspec.ee.telemetry;

import jakarta.enterprise.context.ApplicationScoped;
import org.openjobspec.ee.JobHandler;

/** A handler that names no OpenTelemetry type, for applications whose runtime has none. */
@ApplicationScoped
public class PlainHandlers {

    @JobHandler("plain.job")
    public String run(String name) {
        return "done " + name;
    }
}
