package org.openjobspec.ee.model;

/**
 * {@code PUT /ojs/v1/jobs/{id}/progress} body (OJS progress extension): how far an active job is. Servers clamp the
 * value to 0..1 and ignore a value lower than the last one.
 *
 * @param progress the fraction done, from 0.0 to 1.0
 * @param message  what the job is doing, for people watching it ({@code null} to omit)
 */
public record ProgressRequest(double progress, String message) {
}
