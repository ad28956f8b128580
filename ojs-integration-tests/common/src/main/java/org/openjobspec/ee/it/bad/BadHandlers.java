package org.openjobspec.ee.it.bad;

import jakarta.enterprise.context.ApplicationScoped;
import org.openjobspec.ee.JobHandler;

/** Handlers the extension must refuse at deployment. */
@ApplicationScoped
public class BadHandlers {

    @JobHandler("Not A Job Type")
    public void badType(String arg) {
    }

    @JobHandler("duplicate.type")
    public void first(String arg) {
    }

    @JobHandler("duplicate.type")
    public void second(String arg) {
    }
}
