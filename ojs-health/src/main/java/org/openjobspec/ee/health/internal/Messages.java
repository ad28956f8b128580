package org.openjobspec.ee.health.internal;

/**
 * Every message id of ojs-health, each declared once with what it means. Code writes {@code HLT_0001 + ": ..."}
 * (the constant prints as its id); README.md's "Message ids" section lists them all (checked by a test).
 * ojs-health owns OJS-HLT and OJS-CFG-0250..0269.
 */
public enum Messages {
    // configuration, checked at deployment
    CFG_0250("ojs.health.enabled not a boolean"),
    CFG_0251("ojs.health.unreachable-after invalid"),
    CFG_0252("ojs.health.stall-after invalid"),
    CFG_0253("unknown ojs.health.* key"),
    // log lines
    HLT_0001("health checks registered"),
    HLT_0002("health checks not registered: disabled by configuration"),
    HLT_0003("health checks not registered: the runtime has no MicroProfile Health API");

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
