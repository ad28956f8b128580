/**
 * JSON-B wire model of the Open Job Spec HTTP binding.
 *
 * <p>Records here mirror what real OJS servers put on the wire (see the project's protocol digest,
 * section 12 "interop profile"): requests are written in the shape servers accept, responses are read
 * tolerantly (alternative keys, missing fields, unknown fields ignored). Every component is nullable;
 * helper methods such as {@link org.openjobspec.ee.model.AckResponse#resolvedJobId()} pick the right
 * alternative so callers never have to.
 */
package org.openjobspec.ee.model;
