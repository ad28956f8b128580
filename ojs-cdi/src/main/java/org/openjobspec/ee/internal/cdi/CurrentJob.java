package org.openjobspec.ee.internal.cdi;

import jakarta.enterprise.context.RequestScoped;

/** Holds the job of the request context the worker activated for it. */
@RequestScoped
public class CurrentJob {

    private org.openjobspec.ee.JobContext context;

    org.openjobspec.ee.JobContext get() {
        return context;
    }

    void set(org.openjobspec.ee.JobContext context) {
        this.context = context;
    }
}
