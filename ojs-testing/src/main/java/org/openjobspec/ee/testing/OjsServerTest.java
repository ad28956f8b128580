package org.openjobspec.ee.testing;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Starts one {@link EmbeddedOjsServer} for the test class (127.0.0.1, free port) and stops it afterwards.
 * Test methods, constructors and lifecycle methods may take an {@link EmbeddedOjsServer} or {@link OjsTestKit}
 * parameter, or a
 * {@link java.net.URI} or String parameter annotated {@link InjectOjsServer}; fields of those types annotated
 * {@link InjectOjsServer} are filled in. Other URI or String parameters are left to other parameter resolvers.
 * While the class runs, the system property {@code ojs.url} holds the server URL (MicroProfile Config reads it as
 * {@code ojs.url}); the previous value is restored afterwards.
 * <pre>{@code
 * @OjsServerTest
 * class SignupTest {
 *     @Test
 *     void enqueues(@InjectOjsServer URI ojsUrl) { ... }
 * }
 * }</pre>
 * It also works as a meta-annotation: a composed annotation of your own annotated {@code @OjsServerTest(...)}
 * starts the server with those settings.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(OjsServerExtension.class)
public @interface OjsServerTest {
    /**
     * Drop all server state (crons and workers included) before each test method. Off by default: tests of a class
     * share the server, except that a test taking an {@link OjsTestKit} starts from a server cleared of jobs
     * (see {@link KeepOjsState}).
     */
    boolean resetBetweenTests() default false;

    /** Require this bearer token on every endpoint except health. Empty (the default) disables auth. */
    String authToken() default "";
}
