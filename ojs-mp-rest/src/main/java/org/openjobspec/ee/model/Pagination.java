package org.openjobspec.ee.model;

import jakarta.json.bind.annotation.JsonbProperty;

/**
 * Pagination block of list answers.
 *
 * @param total      total entries
 * @param limit      page size used
 * @param offset     offset used
 * @param hasMore    whether more entries follow
 * @param nextCursor cursor for the next page (spec; servers use offsets)
 */
public record Pagination(
        Integer total,
        Integer limit,
        Integer offset,
        @JsonbProperty("has_more") Boolean hasMore,
        @JsonbProperty("next_cursor") String nextCursor) {
}
