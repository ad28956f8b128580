package org.openjobspec.ee.error;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The catalog is the only place ojs-mp-rest declares ids, each once, each with its own meaning, each in README.md's
 * OJS-CLI bullet. ojs-cdi's MessagesTest, which sees both modules, checks that their catalogs share no id and
 * that neither module spells an id outside its catalog.
 */
class MessagesTest {
    private static final Pattern ID = Pattern.compile("OJS-[A-Z]+-\\d{4}");

    @Test
    void everyIdAndEveryMeaningIsDeclaredOnce() {
        assertThat(Arrays.stream(Messages.values()).map(Messages::id).toList()).doesNotHaveDuplicates()
                .allMatch(id -> ID.matcher(id).matches() && id.startsWith("OJS-CLI-"));
        assertThat(Arrays.stream(Messages.values()).map(Messages::meaning).toList()).doesNotHaveDuplicates()
                .noneMatch(String::isBlank);
    }

    @Test
    void publishedConstantsAreTheCatalogs() {
        assertThat(List.of(OjsErrors.TRANSPORT, OjsErrors.TIMEOUT, OjsErrors.MALFORMED, OjsErrors.CLIENT_FAILURE))
                .containsExactlyElementsOf(Arrays.stream(Messages.values()).map(Messages::id).toList());
    }

    @Test
    void everyIdIsInTheReadmesCliBullet() throws IOException {
        String readme = Files.readString(Path.of("../README.md"));
        int at = readme.indexOf("- **OJS-CLI ");
        assertThat(at).as("README's OJS-CLI bullet under 'Message ids'").isPositive();
        String bullet = readme.substring(at, readme.indexOf("\n- ", at));
        for (Messages msg : Messages.values()) {
            String number = msg.id().substring("OJS-CLI-".length());
            assertThat(bullet).as(msg.id() + " (" + msg.meaning() + ") listed singly in README's OJS-CLI bullet")
                    .containsPattern("\\b" + number + "\\b(?!-\\d)");
        }
    }
}
