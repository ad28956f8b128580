package org.openjobspec.ee.model;

import java.util.List;

/**
 * {@code POST /ojs/v1/jobs/batch} answer.
 *
 * @param jobs  created jobs, never {@code null}
 * @param count number created, when sent
 */
public record JobsResponse(List<Job> jobs, Integer count) {
    public JobsResponse {
        jobs = Wire.copyOrEmpty(jobs);
    }
}
