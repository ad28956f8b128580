package org.openjobspec.ee.it.jta.app;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The REST entry of the transactional-enqueue test WAR. */
@ApplicationPath("api")
public class OrdersApplication extends Application {
}
