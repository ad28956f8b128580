package org.openjobspec.ee.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/** Null-tolerant helpers shared by the wire records. */
final class Wire {
    private Wire() {
    }

    /** An unmodifiable copy without null elements; {@code null} stays {@code null}. */
    static <T> List<T> copyOrNull(List<T> list) {
        if (list == null) {
            return null;
        }
        List<T> copy = new ArrayList<>(list.size());
        for (T item : list) {
            if (item != null) {
                copy.add(item);
            }
        }
        return Collections.unmodifiableList(copy);
    }

    /** An unmodifiable copy without null elements; {@code null} becomes the empty list. */
    static <T> List<T> copyOrEmpty(List<T> list) {
        return list == null ? List.of() : Objects.requireNonNull(copyOrNull(list));
    }
}
