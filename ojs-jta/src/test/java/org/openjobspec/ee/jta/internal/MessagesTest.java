package org.openjobspec.ee.jta.internal;

import java.nio.file.Path;
import java.util.Arrays;
import org.openjobspec.ee.testkit.CatalogContract;
import org.openjobspec.ee.testkit.CatalogContractTest;

class MessagesTest extends CatalogContractTest {

    @Override
    protected CatalogContract catalog() {
        return new CatalogContract(Arrays.stream(Messages.values()).map(Messages::id).toList(),
                Arrays.stream(Messages.values()).map(Messages::meaning).toList(),
                Path.of("src/main/java/org/openjobspec/ee/jta/internal/Messages.java"), "TX", 100, 149,
                "ojs-jta");
    }
}
