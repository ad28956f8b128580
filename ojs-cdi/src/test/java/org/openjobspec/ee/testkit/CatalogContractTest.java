package org.openjobspec.ee.testkit;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The catalog tests of an optional module: its {@code MessagesTest} extends this and names its catalog. */
public abstract class CatalogContractTest {

    protected abstract CatalogContract catalog();

    @Test
    void everyIdAndEveryMeaningIsDeclaredOnceInThisModulesRange() {
        catalog().declaresEachIdAndMeaningOnceInItsRange();
    }

    @Test
    void ojsCdiDeclaresNoIdOfThisCatalog() {
        catalog().sharesNoIdWithOjsCdi();
    }

    @Test
    void noSourceSpellsAnIdOutsideTheCatalog() throws IOException {
        catalog().isTheOnlySourceThatSpellsAnId();
    }

    @Test
    void readmeListsExactlyTheIdsThatExist() {
        catalog().isListedExactlyInTheReadme();
    }
}
