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

    private final String id;
    private final String meaning;

    Messages(String meaning) {
        this.id = "OJS-" + name().replace('_', '-');
        this.meaning = meaning;
    }

    String id() {
        return id;
    }

    String meaning() {
        return meaning;
    }

    @Override
    public String toString() {
        return id;
    }
}
