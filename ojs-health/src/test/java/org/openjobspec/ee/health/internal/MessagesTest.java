package org.openjobspec.ee.health.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.openjobspec.ee.testkit.CatalogContract;

/** ojs-health's catalog keeps the rules every module's catalog keeps (see CatalogContract). */
class MessagesTest {

    private static final CatalogContract CATALOG = new CatalogContract(
            Arrays.stream(Messages.values()).map(Messages::id).toList(),
            Arrays.stream(Messages.values()).map(Messages::meaning).toList(),
            Path.of("src/main/java/org/openjobspec/ee/health/internal/Messages.java"),
            "HLT", 250, 269, "ojs-health");

    @Test
    void everyIdAndEveryMeaningIsDeclaredOnceInThisModulesRange() {
        CATALOG.declaresEachIdAndMeaningOnceInItsRange();
    }

    @Test
    void ojsCdiDeclaresNoIdOfThisCatalog() {
        CATALOG.sharesNoIdWithOjsCdi();
    }

    @Test
    void noSourceSpellsAnIdOutsideTheCatalog() throws IOException {
        CATALOG.isTheOnlySourceThatSpellsAnId();
    }

    @Test
    void readmeListsExactlyTheIdsThatExist() {
        CATALOG.isListedExactlyInTheReadme();
    }
}
