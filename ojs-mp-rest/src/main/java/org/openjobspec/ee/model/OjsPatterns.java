package org.openjobspec.ee.model;

import java.util.regex.Pattern;

/**
 * The Open Job Spec's rules for job types, queue names and job ids (core spec, JSON format section 6). Client
 * checks, handler validation and the worker's configuration all use these, so they cannot disagree.
 */
public final class OjsPatterns {

    /** Lowercase words of letters, digits and {@code _}, separated by dots, e.g. {@code email.send}. */
    public static final Pattern JOB_TYPE = Pattern.compile("^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*$");
    public static final int JOB_TYPE_MAX_LENGTH = 255;

    /** Lowercase letters, digits, {@code -} and {@code .}, starting with a letter or digit, e.g. {@code email}. */
    public static final Pattern QUEUE = Pattern.compile("^[a-z0-9][a-z0-9\\-.]*$");
    public static final int QUEUE_MAX_LENGTH = 128;

    /** A lowercase UUIDv7, as servers require for client-chosen job ids. */
    public static final Pattern JOB_ID =
            Pattern.compile("^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");

    private OjsPatterns() {
    }

    /** Whether {@code type} is a valid job type: matches {@link #JOB_TYPE} and is at most 255 characters. */
    public static boolean isJobType(String type) {
        return type != null && type.length() <= JOB_TYPE_MAX_LENGTH && JOB_TYPE.matcher(type).matches();
    }

    /** Whether {@code queue} is a valid queue name: matches {@link #QUEUE} and is at most 128 characters. */
    public static boolean isQueue(String queue) {
        return queue != null && queue.length() <= QUEUE_MAX_LENGTH && QUEUE.matcher(queue).matches();
    }

    /** Whether {@code id} is a valid client-chosen job id (see {@link #JOB_ID}). */
    public static boolean isJobId(String id) {
        return id != null && JOB_ID.matcher(id).matches();
    }
}
