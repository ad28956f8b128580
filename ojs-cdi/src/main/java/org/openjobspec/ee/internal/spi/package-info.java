/**
 * Hooks through which the project's optional modules (telemetry) observe enqueues and job executions. Not API: a
 * module provides beans of these types and the library finds them through CDI; they may change in any release.
 */
package org.openjobspec.ee.internal.spi;
