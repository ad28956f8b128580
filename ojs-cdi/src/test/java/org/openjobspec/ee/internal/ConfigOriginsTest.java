package org.openjobspec.ee.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigOriginsTest {

    @Test
    void anEnvironmentVariableIsRecognisedUnderTheDottedNameARuntimeMayGiveIt() {
        // one with an underscore if there is one (JAVA_HOME, ...), else PATH, which every process has
        String name = System.getenv().keySet().stream().filter(n -> n.matches("[A-Z]+(_[A-Z]+)+")).findFirst()
                .orElse("PATH");
        assertThat(System.getenv(name)).as(name).isNotNull();
        String dotted = name.toLowerCase(Locale.ROOT).replace('_', '.'); // OJS_AUTH_TOKEN as Liberty lists it
        assertThat(ConfigOrigins.outsideTheApplication(dotted)).isTrue();
        assertThat(ConfigOrigins.outsideTheApplication(name)).isTrue();
    }

    @Test
    void aSystemPropertyIsRecognised() {
        System.setProperty("ojs.config-origins-test", "x");
        try {
            assertThat(ConfigOrigins.outsideTheApplication("ojs.config-origins-test")).isTrue();
        } finally {
            System.clearProperty("ojs.config-origins-test");
        }
    }

    @Test
    void aKeyOfTheApplicationsOwnFilesIsNot() {
        Map<String, String> env = System.getenv();
        assertThat(env).doesNotContainKey("OJS_READ_TIMOUT");
        assertThat(ConfigOrigins.outsideTheApplication("ojs.read-timout")).isFalse();
    }
}
