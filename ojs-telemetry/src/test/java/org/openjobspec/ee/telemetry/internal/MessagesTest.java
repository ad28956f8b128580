package org.openjobspec.ee.telemetry.internal;

import java.nio.file.Path;
import java.util.Arrays;
import org.openjobspec.ee.testkit.CatalogContract;
import org.openjobspec.ee.testkit.CatalogContractTest;

class MessagesTest extends CatalogContractTest {

    @Override
    protected CatalogContract catalog() {
        return new CatalogContract(Arrays.stream(Messages.values()).map(Messages::id).toList(),
                Arrays.stream(Messages.values()).map(Messages::meaning).toList(),
                Path.of("src/main/java/org/openjobspec/ee/telemetry/internal/Messages.java"), "TEL", 200, 249,
                "ojs-telemetry");
    }
}
