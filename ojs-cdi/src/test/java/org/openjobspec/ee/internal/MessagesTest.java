package org.openjobspec.ee.internal;

import org.junit.jupiter.api.Test;

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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The catalog is the only place ojs-cdi declares ids, each once, each with its own meaning, each in README.md's
 * bullets for OJS-CDI, OJS-CFG, OJS-CLI and OJS-WRK, which name no id that does not exist. The OJS-CLI family is
 * shared with ojs-mp-rest, whose catalog must not declare an id of this one.
 */
class MessagesTest {
    private static final Pattern ID = Pattern.compile("OJS-[A-Z]+-\\d{4}");
    private static final List<String> FAMILIES = List.of("CDI", "CFG", "CLI", "WRK");

    @Test
    void everyIdAndEveryMeaningIsDeclaredOnce() {
        assertThat(ids()).doesNotHaveDuplicates().allMatch(id -> ID.matcher(id).matches())
                .allMatch(id -> FAMILIES.contains(id.split("-")[1]));
        assertThat(Arrays.stream(Messages.values()).map(Messages::meaning).toList())
                .doesNotHaveDuplicates().noneMatch(String::isBlank);
    }

    @Test
    void ojsMpRestDeclaresNoIdOfThisCatalog() throws ClassNotFoundException {
        List<String> restIds = restIds();
        assertThat(restIds).as("ojs-mp-rest's catalog").isNotEmpty().allMatch(id -> ID.matcher(id).matches());
        assertThat(restIds).doesNotContainAnyElementsOf(ids());
    }

    /** ojs-mp-rest has no test that sees its sources and ojs-cdi's, so this one checks both. */
    @Test
    void noSourceSpellsAnIdOutsideItsModulesCatalog() throws IOException {
        Set<Path> catalogs = Set.of(Path.of("src/main/java/org/openjobspec/ee/internal/Messages.java"),
                Path.of("../ojs-mp-rest/src/main/java/org/openjobspec/ee/error/Messages.java"));
        assertThat(catalogs).allMatch(Files::isRegularFile);
        List<String> literals;
        try (Stream<Path> files = Stream.of("src", "../ojs-mp-rest/src").map(Path::of).flatMap(MessagesTest::walk)) {
            literals = files.filter(f -> f.toString().endsWith(".java") && !catalogs.contains(f))
                    .flatMap(f -> ID.matcher(read(f)).results().map(m -> f + ": " + m.group()))
                    .toList();
        }
        assertThat(literals).as("ids written as literals instead of Messages constants").isEmpty();
    }

    @Test
    void readmeListsExactlyTheIdsThatExist() throws Exception {
        String readme = read(Path.of("../README.md"));
        Set<String> declared = new TreeSet<>(ids());
        declared.addAll(restIds());
        for (String family : FAMILIES) {
            Set<String> listed = listed(readme, family);
            Set<String> mine = ids().stream().filter(id -> id.startsWith("OJS-" + family + "-"))
                    .collect(Collectors.toCollection(TreeSet::new));
            assertThat(listed).as("ids missing from README.md's OJS-" + family + " bullet").containsAll(mine);
            assertThat(declared).as("README.md's OJS-" + family + " bullet names ids no catalog declares")
                    .containsAll(listed);
        }
    }

    private static List<String> ids() {
        return Arrays.stream(Messages.values()).map(Messages::id).toList();
    }

    /** ojs-mp-rest's catalog is package-private; its constants print as their ids. */
    private static List<String> restIds() throws ClassNotFoundException {
        return Arrays.stream(Class.forName("org.openjobspec.ee.error.Messages").getEnumConstants())
                .map(Object::toString).toList();
    }

    /** The ids a README bullet names, each written singly (a range would hide ids that do not exist). */
    private static Set<String> listed(String readme, String family) {
        int at = readme.indexOf("- **OJS-" + family + " ");
        assertThat(at).as("README's OJS-" + family + " bullet under 'Message ids'").isPositive();
        int end = Stream.of(readme.indexOf("\n- ", at), readme.indexOf("\n\n", at)).filter(i -> i > 0)
                .min(Integer::compare).orElseThrow();
        return Pattern.compile("\\b\\d{4}\\b").matcher(readme.substring(at, end)).results()
                .map(m -> "OJS-" + family + "-" + m.group()).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Stream<Path> walk(Path root) {
        try {
            return Files.walk(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
