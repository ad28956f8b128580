package org.openjobspec.ee.internal.client;

import java.time.Duration;
import org.openjobspec.ee.error.ErrorInfo;
import org.openjobspec.ee.error.OjsValidationException;
import org.openjobspec.ee.model.OjsPatterns;

/** Client-side checks that fail fast, before any HTTP call, with a message id and the fix. */
final class Checks {

    static final String TYPE = "OJS-CLI-0001";
    static final String QUEUE = "OJS-CLI-0002";
    static final String PRIORITY = "OJS-CLI-0003";
    static final String ARGS = "OJS-CLI-0004";
    static final String ID = "OJS-CLI-0005";
    static final String NUMBERS = "OJS-CLI-0006";
    static final String BATCH = "OJS-CLI-0007";
    static final String WORKFLOW = "OJS-CLI-0008";
    static final String CRON = "OJS-CLI-0009";
    static final String IDENTIFIER = "OJS-CLI-0010";
    static final String META = "OJS-CLI-0011";
    static final String TAGS = "OJS-CLI-0012";
    static final String UNIQUE = "OJS-CLI-0013";
    static final String CLOSED = "OJS-CLI-0014";

    private Checks() {
    }

    static OjsValidationException invalid(String id, String message) {
        return new OjsValidationException(ErrorInfo.client(id, id + ": " + message, false));
    }

    static void jobType(String type) {
        if (type == null || type.isBlank()) {
            throw invalid(TYPE, "job type is missing; give a type such as 'email.send'");
        }
        if (type.length() > OjsPatterns.JOB_TYPE_MAX_LENGTH) {
            throw invalid(TYPE, "job type is " + type.length() + " characters long; the limit is "
                    + OjsPatterns.JOB_TYPE_MAX_LENGTH);
        }
        if (!OjsPatterns.isJobType(type)) {
            throw invalid(TYPE, "job type '" + type + "' must match " + OjsPatterns.JOB_TYPE.pattern()
                    + " (lowercase words of letters, digits and _ separated by dots, e.g. 'email.send')");
        }
    }

    static void queue(String queue) {
        if (queue == null) {
            return;
        }
        if (!OjsPatterns.isQueue(queue)) {
            throw invalid(QUEUE, "queue name '" + queue + "' must match " + OjsPatterns.QUEUE.pattern()
                    + " and be at most " + OjsPatterns.QUEUE_MAX_LENGTH
                    + " characters (lowercase letters, digits, '-' and '.', e.g. 'email')");
        }
    }

    static void queueName(String queue) {
        if (queue == null) {
            throw invalid(QUEUE, "queue name is missing");
        }
        queue(queue);
    }

    static void priority(Integer priority) {
        if (priority != null && (priority < -100 || priority > 100)) {
            throw invalid(PRIORITY, "priority " + priority + " is outside -100..100 (higher runs first, 0 is normal)");
        }
    }

    static void jobId(String id) {
        if (id != null && !OjsPatterns.isJobId(id)) {
            throw invalid(ID, "job id '" + id + "' must be a lowercase UUIDv7 (8-4-4-4-12 hex digits, version 7); "
                    + "leave it unset to let the server choose");
        }
    }

    static void positive(String what, Duration value) {
        if (value != null && (value.isNegative() || value.isZero())) {
            throw invalid(NUMBERS, what + " must be a positive duration, got " + value);
        }
    }

    static String identifier(String what, String value) {
        if (value == null || value.isBlank()) {
            throw invalid(IDENTIFIER, what + " is missing");
        }
        return value;
    }
}
