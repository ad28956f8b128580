package org.openjobspec.ee.internal.worker;

import java.util.Set;

/**
 * What a heartbeat answered. {@code directive} is already normalised by the transport ({@code directive} when
 * non-empty, else {@code state}); {@code jobsExtended} is null when the server did not list extended jobs, in which
 * case nothing is concluded about cancellation.
 */
public record HeartbeatReply(String directive, Set<String> jobsExtended) {

    enum Directive { CONTINUE, QUIET, TERMINATE }

    Directive toDirective() {
        if (directive == null) {
            return Directive.CONTINUE;
        }
        return switch (directive.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "quiet" -> Directive.QUIET;
            case "terminate" -> Directive.TERMINATE;
            default -> Directive.CONTINUE; // continue, running, active, "" and anything unknown
        };
    }
}
