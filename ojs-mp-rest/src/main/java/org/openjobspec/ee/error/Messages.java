package org.openjobspec.ee.error;

/**
 * Every message id of ojs-mp-rest, each declared once with what it means; {@link OjsErrors} publishes them. The
 * constant prints as its id; README.md's "Message ids" section lists them all (checked by a test). OJS-CLI ids
 * below 0020 belong to ojs-cdi.
 */
enum Messages {
    CLI_0020("transport failure"),
    CLI_0021("timeout"),
    CLI_0022("malformed answer"),
    CLI_0023("other HTTP-stack failure");

    private final String meaning;

    Messages(String meaning) {
        this.meaning = meaning;
    }

    String meaning() {
        return meaning;
    }

    String id() {
        return toString();
    }

    /** The id: {@code OJS-}, the family, a dash and the number. */
    @Override
    public String toString() {
        return "OJS-" + name().replace('_', '-');
    }
}
