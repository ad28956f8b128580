package org.openjobspec.ee.it.probe;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

@ApplicationPath("api")
public class ProbeApplication extends Application {
}
