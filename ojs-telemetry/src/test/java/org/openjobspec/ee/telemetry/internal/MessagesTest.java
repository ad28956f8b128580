package org.openjobspec.ee.telemetry.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.openjobspec.ee.testkit.CatalogContract;

/** ojs-telemetry's catalog keeps the rules every module's catalog keeps (see CatalogContract). */
class MessagesTest {

    private static final CatalogContract CATALOG = new CatalogContract(
            Arrays.stream(Messages.values()).map(Messages::id).toList(),
            Arrays.stream(Messages.values()).map(Messages::meaning).toList(),
            Path.of("src/main/java/org/openjobspec/ee/telemetry/internal/Messages.java"),
            "TEL", 200, 249, "ojs-telemetry");

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
