package org.openjobspec.ee.example.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

@ApplicationPath("api")
public class ExampleApplication extends Application {
}
