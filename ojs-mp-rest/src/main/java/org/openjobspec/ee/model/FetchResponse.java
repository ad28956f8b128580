package org.openjobspec.ee.model;

import java.util.List;

/**
 * {@code POST /ojs/v1/workers/fetch} answer: {@code {"jobs":[...]}}, sometimes with a convenience
 * {@code "job"} (the first one). A {@code 204 No Content} answer is turned into {@link #EMPTY} by the
 * REST client wrapper, so callers never see {@code null}.
 *
 * @param jobs the reserved jobs, never {@code null}
 * @param job  the first job, when the server adds it
 */
public record FetchResponse(List<Job> jobs, Job job) {

    /** No job available. */
    public static final FetchResponse EMPTY = new FetchResponse(List.of(), null);

    public FetchResponse {
        if (jobs == null) {
            jobs = job == null ? List.of() : List.of(job);
        } else {
            jobs = Wire.copyOrEmpty(jobs);
        }
    }
}
