package org.openjobspec.ee.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a field or parameter of type {@link EmbeddedOjsServer}, {@link OjsTestKit}, {@link java.net.URI} or
 * {@link String} (the URL) that {@link OjsServerExtension} fills with the class's server (or a kit for it). Static
 * fields are filled before {@code @BeforeAll}. Parameters of type {@code EmbeddedOjsServer} or {@code OjsTestKit}
 * are resolved without it; {@code URI} and {@code String} parameters need it, so that those of other extensions are
 * left alone.
 */
@Target({ElementType.FIELD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface InjectOjsServer {
}
