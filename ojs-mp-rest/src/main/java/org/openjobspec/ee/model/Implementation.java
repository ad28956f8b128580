package org.openjobspec.ee.model;

/**
 * Manifest {@code implementation} block.
 *
 * @param name     server implementation name
 * @param version  its version
 * @param language implementation language
 * @param backend  storage backend
 * @param homepage project URL
 */
public record Implementation(String name, String version, String language, String backend, String homepage) {
}
