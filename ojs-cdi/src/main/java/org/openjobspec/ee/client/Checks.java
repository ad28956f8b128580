package org.openjobspec.ee.client;

import java.time.Duration;
import java.util.regex.Pattern;
import org.openjobspec.ee.error.ErrorInfo;
import org.openjobspec.ee.error.OjsValidationException;

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

    static final Pattern TYPE_PATTERN = Pattern.compile("^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*$");
    static final Pattern QUEUE_PATTERN = Pattern.compile("^[a-z0-9][a-z0-9\\-.]*$");
    static final Pattern UUID_V7 = Pattern.compile("^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");

    private Checks() {
    }

    static OjsValidationException invalid(String id, String message) {
        return new OjsValidationException(ErrorInfo.client(id, id + ": " + message, false));
    }

    static void jobType(String type) {
        if (type == null || type.isBlank()) {
            throw invalid(TYPE, "job type is missing; give a type such as 'email.send'");
        }
        if (type.length() > 255) {
            throw invalid(TYPE, "job type is " + type.length() + " characters long; the limit is 255");
        }
        if (!TYPE_PATTERN.matcher(type).matches()) {
            throw invalid(TYPE, "job type '" + type + "' must match " + TYPE_PATTERN.pattern()
                    + " (lowercase words of letters, digits and _ separated by dots, e.g. 'email.send')");
        }
    }

    static void queue(String queue) {
        if (queue == null) {
            return;
        }
        if (queue.isEmpty() || queue.length() > 128 || !QUEUE_PATTERN.matcher(queue).matches()) {
            throw invalid(QUEUE, "queue name '" + queue + "' must match " + QUEUE_PATTERN.pattern()
                    + " and be at most 128 characters (lowercase letters, digits, '-' and '.', e.g. 'email')");
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
        if (id != null && !UUID_V7.matcher(id).matches()) {
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
