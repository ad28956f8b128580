package org.openjobspec.ee.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a test method or class of an {@link OjsServerTest}: the server is not cleared before the test even though it
 * takes an {@link OjsTestKit}, so it sees the jobs earlier tests left. ({@code resetBetweenTests = true} still
 * resets.)
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface KeepOjsState {
}
