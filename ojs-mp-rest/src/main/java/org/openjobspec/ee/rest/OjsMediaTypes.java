package org.openjobspec.ee.rest;

/** Media types and header values of the OJS HTTP binding. */
public final class OjsMediaTypes {

    /** The OJS JSON media type; servers also accept {@code application/json}. */
    public static final String OJS_JSON = "application/openjobspec+json";

    /** Spec version sent in {@code OJS-Version}. */
    public static final String SPEC_VERSION = "1.0";

    public static final String HEADER_VERSION = "OJS-Version";
    public static final String HEADER_REQUEST_ID = "X-Request-Id";

    private OjsMediaTypes() {
    }
}
