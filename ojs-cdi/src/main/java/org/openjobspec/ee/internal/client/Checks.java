package org.openjobspec.ee.internal.client;

import java.time.Duration;
import org.openjobspec.ee.error.ErrorInfo;
import org.openjobspec.ee.error.OjsValidationException;
import org.openjobspec.ee.internal.Messages;
import org.openjobspec.ee.model.OjsPatterns;

import static org.openjobspec.ee.internal.Messages.CLI_0001;
import static org.openjobspec.ee.internal.Messages.CLI_0002;
import static org.openjobspec.ee.internal.Messages.CLI_0003;
import static org.openjobspec.ee.internal.Messages.CLI_0004;
import static org.openjobspec.ee.internal.Messages.CLI_0005;
import static org.openjobspec.ee.internal.Messages.CLI_0006;
import static org.openjobspec.ee.internal.Messages.CLI_0007;
import static org.openjobspec.ee.internal.Messages.CLI_0008;
import static org.openjobspec.ee.internal.Messages.CLI_0009;
import static org.openjobspec.ee.internal.Messages.CLI_0010;
import static org.openjobspec.ee.internal.Messages.CLI_0011;
import static org.openjobspec.ee.internal.Messages.CLI_0012;
import static org.openjobspec.ee.internal.Messages.CLI_0013;
import static org.openjobspec.ee.internal.Messages.CLI_0014;

/** Client-side checks that fail fast, before any HTTP call, with a message id and the fix. */
final class Checks {

    private Checks() {
    }

    static OjsValidationException invalid(Messages id, String message) {
        return new OjsValidationException(ErrorInfo.client(id.id(), id + ": " + message, false));
    }

    static void jobType(String type) {
        if (type == null || type.isBlank()) {
            throw invalid(CLI_0001, "job type is missing; give a type such as 'email.send'");
        }
        if (type.length() > OjsPatterns.JOB_TYPE_MAX_LENGTH) {
            throw invalid(CLI_0001, "job type is " + type.length() + " characters long; the limit is "
                    + OjsPatterns.JOB_TYPE_MAX_LENGTH);
        }
        if (!OjsPatterns.isJobType(type)) {
            throw invalid(CLI_0001, "job type '" + type + "' must match " + OjsPatterns.JOB_TYPE.pattern()
                    + " (lowercase words of letters, digits and _ separated by dots, e.g. 'email.send')");
        }
    }

    static void queue(String queue) {
        if (queue == null) {
            return;
        }
        if (!OjsPatterns.isQueue(queue)) {
            throw invalid(CLI_0002, "queue name '" + queue + "' must match " + OjsPatterns.QUEUE.pattern()
                    + " and be at most " + OjsPatterns.QUEUE_MAX_LENGTH
                    + " characters (lowercase letters, digits, '-' and '.', e.g. 'email')");
        }
    }

    static void queueName(String queue) {
        if (queue == null) {
            throw invalid(CLI_0002, "queue name is missing");
        }
        queue(queue);
    }

    static void priority(Integer priority) {
        if (priority != null && (priority < -100 || priority > 100)) {
            throw invalid(CLI_0003, "priority " + priority + " is outside -100..100 (higher runs first, 0 is normal)");
        }
    }

    static void jobId(String id) {
        if (id != null && !OjsPatterns.isJobId(id)) {
            throw invalid(CLI_0005, "job id '" + id + "' must be a lowercase UUIDv7 (8-4-4-4-12 hex digits, version 7); "
                    + "leave it unset to let the server choose");
        }
    }

    static void positive(String what, Duration value) {
        if (value != null && (value.isNegative() || value.isZero())) {
            throw invalid(CLI_0006, what + " must be a positive duration, got " + value);
        }
    }

    static String identifier(String what, String value) {
        if (value == null || value.isBlank()) {
            throw invalid(CLI_0010, what + " is missing");
        }
        return value;
    }
}
