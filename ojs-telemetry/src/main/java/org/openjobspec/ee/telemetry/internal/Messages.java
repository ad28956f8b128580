package org.openjobspec.ee.telemetry.internal;

/**
 * Every message id of ojs-telemetry, each declared once with what it means. Code writes {@code TEL_0001 + ": ..."}
 * (the constant prints as its id); README.md's "Message ids" section lists them all (checked by a test).
 * ojs-telemetry owns OJS-TEL and OJS-CFG-0200..0249.
 */
public enum Messages {
    // configuration, checked at deployment
    CFG_0200("ojs.telemetry.enabled not a boolean"),
    CFG_0201("ojs.telemetry.traces.enabled not a boolean"),
    CFG_0202("ojs.telemetry.metrics.enabled not a boolean"),
    CFG_0203("unknown ojs.telemetry.* key"),
    // log lines, once per application
    TEL_0001("telemetry on: what is reported"),
    TEL_0002("telemetry off by configuration"),
    TEL_0003("telemetry off: the application sees no OpenTelemetry API"),
    TEL_0004("telemetry off: no OpenTelemetry bean"),
    TEL_0005("telemetry off: OpenTelemetry failed to set up"),
    TEL_0006("telemetry off: configuration problems");

    private final String meaning;

    Messages(String meaning) {
        this.meaning = meaning;
    }

    public String meaning() {
        return meaning;
    }

    public String id() {
        return toString();
    }

    /** The id: {@code OJS-}, the family, a dash and the number. */
    @Override
    public String toString() {
        return "OJS-" + name().replace('_', '-');
    }
}
