package org.openjobspec.ee.health.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The catalog is the only place ojs-health declares ids, each once, each with its own meaning, in its own range
 * (the HLT family, CFG numbers 250 to 269) apart from ojs-cdi's catalog, and each in README.md's two
 * ojs-health bullets, which name no id that does not exist.
 */
class MessagesTest {
    private static final Pattern ID = Pattern.compile("OJS-[A-Z]+-\\d{4}");
    private static final Path CATALOG = Path.of("src/main/java/org/openjobspec/ee/health/internal/Messages.java");

    @Test
    void everyIdAndEveryMeaningIsDeclaredOnceInThisModulesRange() {
        assertThat(ids()).doesNotHaveDuplicates().allMatch(id -> ID.matcher(id).matches())
                .allMatch(MessagesTest::inThisModulesRange);
        assertThat(Arrays.stream(Messages.values()).map(Messages::meaning).toList())
                .doesNotHaveDuplicates().noneMatch(String::isBlank);
    }

    @Test
    void ojsCdiDeclaresNoIdOfThisCatalog() {
        List<String> cdiIds = Arrays.stream(org.openjobspec.ee.internal.Messages.values())
                .map(org.openjobspec.ee.internal.Messages::id).toList();
        assertThat(cdiIds).isNotEmpty().doesNotContainAnyElementsOf(ids());
    }

    @Test
    void noSourceSpellsAnIdOutsideTheCatalog() throws IOException {
        assertThat(CATALOG).isRegularFile();
        List<String> literals;
        try (Stream<Path> files = Files.walk(Path.of("src"))) {
            literals = files.filter(f -> f.toString().endsWith(".java") && !f.equals(CATALOG))
                    .flatMap(f -> ID.matcher(read(f)).results().map(m -> f + ": " + m.group()))
                    .toList();
        }
        assertThat(literals).as("ids written as literals instead of Messages constants").isEmpty();
    }

    @Test
    void readmeListsExactlyTheIdsThatExist() {
        String readme = read(Path.of("../README.md"));
        Set<String> listed = new TreeSet<>(listed(readme, "- **OJS-HLT ", "HLT"));
        listed.addAll(listed(readme, "- **OJS-CFG, `ojs-health`", "CFG"));
        assertThat(listed).isEqualTo(new TreeSet<>(ids()));
    }

    private static boolean inThisModulesRange(String id) {
        int number = Integer.parseInt(id.substring(id.lastIndexOf('-') + 1));
        return id.startsWith("OJS-HLT-") || id.startsWith("OJS-CFG-") && number >= 250 && number <= 269;
    }

    private static List<String> ids() {
        return Arrays.stream(Messages.values()).map(Messages::id).toList();
    }

    /** The ids a README bullet names, each written singly, except those it calls retired. */
    private static Set<String> listed(String readme, String heading, String family) {
        int at = readme.indexOf(heading);
        assertThat(at).as("README's bullet '" + heading + "' under 'Message ids'").isPositive();
        int end = Stream.of(readme.indexOf("\n- ", at), readme.indexOf("\n\n", at)).filter(i -> i > 0)
                .min(Integer::compare).orElseThrow();
        String bullet = readme.substring(at, end).replaceAll("\\b\\d{4} retired\\b", "");
        assertThat(bullet).as("a range hides ids that may not exist").doesNotContainPattern("\\d{4}\\s*-\\s*\\d{4}");
        return Pattern.compile("\\b\\d{4}\\b").matcher(bullet).results()
                .map(m -> "OJS-" + family + "-" + m.group()).collect(Collectors.toCollection(TreeSet::new));
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
