package org.openjobspec.ee.model;

import java.util.List;

/** {@code POST /ojs/v1/jobs/batch} body. @param jobs the jobs, at least one */
public record BatchEnqueueRequest(List<EnqueueRequest> jobs) {
}
