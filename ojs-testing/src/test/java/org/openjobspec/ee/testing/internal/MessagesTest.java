package org.openjobspec.ee.testing.internal;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The catalog is the only place ids are declared, each once, each with its own meaning, each in the README. */
class MessagesTest {
    private static final Pattern ID = Pattern.compile("OJS-[A-Z]+-\\d{4}");

    @Test
    void everyIdAndEveryMeaningIsDeclaredOnce() {
        List<String> ids = Arrays.stream(Messages.values()).map(Messages::id).toList();
        List<String> meanings = Arrays.stream(Messages.values()).map(Messages::meaning).toList();
        assertThat(ids).doesNotHaveDuplicates().allMatch(id -> ID.matcher(id).matches());
        assertThat(meanings).doesNotHaveDuplicates().noneMatch(String::isBlank);
    }

    @Test
    void noSourceOfTheModuleSpellsAnIdOutsideTheCatalog() throws IOException {
        List<String> literals = new ArrayList<>();
        for (String root : List.of("src/main/java", "src/test/java")) {
            try (Stream<Path> files = Files.walk(Path.of(root))) {
                files.filter(f -> f.toString().endsWith(".java") && !f.endsWith(Path.of("internal", "Messages.java")))
                        .forEach(f -> {
                            Matcher m = ID.matcher(read(f));
                            while (m.find()) {
                                literals.add(f + ": " + m.group());
                            }
                        });
            }
        }
        assertThat(literals).as("ids written as literals instead of Messages constants").isEmpty();
    }

    @Test
    void everyIdIsListedInTheReadme() throws IOException {
        String readme = Files.readString(Path.of("../README.md"));
        int at = readme.indexOf("- **OJS-SRV");
        assertThat(at).as("README's OJS-SRV bullet under 'Message ids'").isPositive();
        String bullet = readme.substring(at, readme.indexOf("\n\n", at)); // the last bullet of the list
        List<Integer[]> listed = new ArrayList<>();
        Matcher m = Pattern.compile("\\b(\\d{4})(?:-(\\d{4}))?\\b").matcher(bullet);
        while (m.find()) {
            int from = Integer.parseInt(m.group(1));
            listed.add(new Integer[]{from, m.group(2) == null ? from : Integer.parseInt(m.group(2))});
        }
        List<String> missing = new ArrayList<>();
        for (Messages msg : Messages.values()) {
            int n = Integer.parseInt(msg.id().substring(msg.id().lastIndexOf('-') + 1));
            if (listed.stream().noneMatch(r -> r[0] <= n && n <= r[1])) {
                missing.add(msg.id() + " (" + msg.meaning() + ")");
            }
        }
        assertThat(missing).as("ids missing from README.md's OJS-SRV bullet").isEmpty();
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
