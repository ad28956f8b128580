package org.openjobspec.ee.it.quarkus;

import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class Greeter {

    public String greet(String name) {
        return "hello " + name;
    }
}
