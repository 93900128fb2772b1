package io.legnext.core.job;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The follow-up actions the service says a job offers: indexed ones such as {@code "extend": [0,1,2,3]} and plain
 * ones such as {@code "reroll": true}.
 *
 * @param indexed each indexed action with the indices it offers
 * @param flags the actions offered without an index
 */
public record AvailableActions(Map<String, Set<Integer>> indexed, Set<String> flags) {

    /** The action name under which video jobs list the videos that may be extended. */
    public static final String EXTEND = "extend";
    /** The action name under which jobs list the results that may be upscaled. */
    public static final String UPSCALE = "upscale";
    /** No actions listed. */
    public static final AvailableActions NONE = new AvailableActions(Map.of(), Set.of());

    public AvailableActions {
        Map<String, Set<Integer>> copy = new LinkedHashMap<>();
        if (indexed != null) {
            indexed.forEach((k, v) -> copy.put(k, Collections.unmodifiableSet(new TreeSet<>(v))));
        }
        indexed = Collections.unmodifiableMap(copy);
        flags = flags == null ? Set.of() : Collections.unmodifiableSet(new LinkedHashSet<>(flags));
    }

    /** Builds actions from {@code name -> indices} pairs, e.g. {@code of(Map.of("extend", List.of(0, 1, 2, 3)))}. */
    public static AvailableActions of(Map<String, List<Integer>> indexed) {
        Map<String, Set<Integer>> m = new LinkedHashMap<>();
        indexed.forEach((k, v) -> m.put(k, new TreeSet<>(v)));
        return new AvailableActions(m, Set.of());
    }

    /** The indices offered for an action, or empty when the job does not list that action. */
    public Optional<Set<Integer>> indicesFor(String action) {
        return Optional.ofNullable(indexed.get(action));
    }

    /** Whether the job lists anything at all. */
    public boolean isEmpty() {
        return indexed.isEmpty() && flags.isEmpty();
    }
}
