package org.openjobspec.ee.model;

import java.util.List;

/**
 * {@code GET /ojs/v1/dead-letter} answer.
 *
 * @param jobs       discarded jobs, never {@code null}
 * @param pagination paging facts, may be {@code null}
 */
public record DeadLetterPage(List<Job> jobs, Pagination pagination) {
    public DeadLetterPage {
        jobs = Wire.copyOrEmpty(jobs);
    }

    /** Total entries as the server counts them, else the size of this page. */
    public int total() {
        return pagination != null && pagination.total() != null ? pagination.total() : jobs.size();
    }
}
