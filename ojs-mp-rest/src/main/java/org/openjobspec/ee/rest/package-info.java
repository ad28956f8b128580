/**
 * MicroProfile typed REST client interfaces for the OJS HTTP binding, the header filter, the error
 * mapper, and {@link org.openjobspec.ee.rest.OjsRestClients}, which builds clients programmatically so
 * plain Java, Open Liberty, Payara and Quarkus behave the same.
 */
package org.openjobspec.ee.rest;
