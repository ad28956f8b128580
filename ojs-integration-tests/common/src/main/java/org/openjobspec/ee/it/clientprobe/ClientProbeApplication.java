package org.openjobspec.ee.it.clientprobe;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

@ApplicationPath("api")
public class ClientProbeApplication extends Application {
}
