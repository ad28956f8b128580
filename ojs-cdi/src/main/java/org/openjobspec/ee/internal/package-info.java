/**
 * Plumbing shared by the library's packages. Not API: it may change in any release.
 */
package org.openjobspec.ee.internal;
