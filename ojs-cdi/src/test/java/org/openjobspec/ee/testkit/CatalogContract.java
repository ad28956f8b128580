package org.openjobspec.ee.testkit;

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
import org.openjobspec.ee.internal.Messages;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the message catalog of an optional module (ojs-jta, ojs-health, ojs-telemetry, shipped to them in ojs-cdi's
 * test jar) must keep: it is the only place the module declares ids, each once, each with its own meaning, in the
 * module's own family and its own range of OJS-CFG numbers, apart from ojs-cdi's catalog, and each is listed singly in
 * README.md's bullets for the module, which name no id that does not exist (retired ids are named as such).
 *
 * @param ids       the catalog's ids, in declaration order
 * @param meanings  the catalog's meanings, in declaration order
 * @param source    the catalog's source file, relative to the module
 * @param family    the module's own family, such as {@code TX}
 * @param cfgFrom   the first OJS-CFG number of the module's range
 * @param cfgTo     the last OJS-CFG number of the module's range
 * @param module    the module's name, as README's OJS-CFG bullet for it names it
 */
public record CatalogContract(List<String> ids, List<String> meanings, Path source, String family, int cfgFrom,
                              int cfgTo, String module) {

    private static final Pattern ID = Pattern.compile("OJS-[A-Z]+-\\d{4}");

    public void declaresEachIdAndMeaningOnceInItsRange() {
        assertThat(ids).isNotEmpty().doesNotHaveDuplicates().allMatch(id -> ID.matcher(id).matches())
                .allMatch(this::inRange);
        assertThat(meanings).hasSameSizeAs(ids).doesNotHaveDuplicates().noneMatch(String::isBlank);
    }

    public void sharesNoIdWithOjsCdi() {
        List<String> cdiIds = Arrays.stream(Messages.values()).map(Messages::id).toList();
        assertThat(cdiIds).isNotEmpty().doesNotContainAnyElementsOf(ids);
    }

    public void isTheOnlySourceThatSpellsAnId() throws IOException {
        assertThat(source).isRegularFile();
        List<String> literals;
        try (Stream<Path> files = Files.walk(Path.of("src"))) {
            literals = files.filter(f -> f.toString().endsWith(".java") && !f.equals(source))
                    .flatMap(f -> ID.matcher(read(f)).results().map(m -> f + ": " + m.group()))
                    .toList();
        }
        assertThat(literals).as("ids written as literals instead of Messages constants").isEmpty();
    }

    public void isListedExactlyInTheReadme() {
        String readme = read(Path.of("../README.md"));
        Set<String> listed = new TreeSet<>(listed(readme, "- **OJS-" + family + " ", family));
        listed.addAll(listed(readme, "- **OJS-CFG, `" + module + "`", "CFG"));
        assertThat(listed).isEqualTo(new TreeSet<>(ids));
    }

    private boolean inRange(String id) {
        int number = Integer.parseInt(id.substring(id.lastIndexOf('-') + 1));
        return id.startsWith("OJS-" + family + "-") || id.startsWith("OJS-CFG-") && number >= cfgFrom && number <= cfgTo;
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
