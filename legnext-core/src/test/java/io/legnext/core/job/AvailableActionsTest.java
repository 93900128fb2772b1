package io.legnext.core.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AvailableActionsTest {

    @Test
    void noneListsNothing() {
        assertThat(AvailableActions.NONE.isEmpty()).isTrue();
        assertThat(AvailableActions.NONE.indicesFor(AvailableActions.EXTEND)).isEmpty();
    }

    @Test
    void answersTheIndicesOfAListedActionInOrder() {
        AvailableActions actions = AvailableActions.of(Map.of("extend", List.of(3, 1, 0)));

        assertThat(actions.indicesFor("extend"))
                .hasValueSatisfying(i -> assertThat(i).containsExactly(0, 1, 3));
    }

    @Test
    void answersEmptyForAnActionNotListed() {
        AvailableActions actions = AvailableActions.of(Map.of("extend", List.of(0)));

        assertThat(actions.indicesFor("upscale")).isEmpty();
    }

    @Test
    void anActionListedWithoutIndicesIsListedButOffersNone() {
        AvailableActions actions = AvailableActions.of(Map.of("extend", List.of()));

        assertThat(actions.isEmpty()).isFalse();
        assertThat(actions.indicesFor("extend"))
                .hasValueSatisfying(i -> assertThat(i).isEmpty());
    }

    @Test
    void flagsAloneMakeItNonEmpty() {
        AvailableActions actions = new AvailableActions(Map.of(), Set.of("reroll"));

        assertThat(actions.isEmpty()).isFalse();
        assertThat(actions.flags()).containsExactly("reroll");
    }

    @Test
    void absentMapsMeanNothingListed() {
        assertThat(new AvailableActions(null, null)).isEqualTo(AvailableActions.NONE);
    }

    @Test
    void equalityIgnoresTheOrderOfIndices() {
        assertThat(AvailableActions.of(Map.of("upscale", List.of(3, 0))))
                .isEqualTo(AvailableActions.of(Map.of("upscale", List.of(0, 3))));
    }

    @Test
    void copiesWhatItIsGiven() {
        Set<Integer> indices = new HashSet<>(Set.of(0, 1));
        Map<String, Set<Integer>> indexed = new HashMap<>(Map.of("extend", indices));
        Set<String> flags = new HashSet<>(Set.of("reroll"));
        AvailableActions actions = new AvailableActions(indexed, flags);

        indices.add(2);
        indexed.put("upscale", Set.of(0));
        flags.add("vary");

        assertThat(actions.indicesFor("extend"))
                .hasValueSatisfying(i -> assertThat(i).containsExactly(0, 1));
        assertThat(actions.indicesFor("upscale")).isEmpty();
        assertThat(actions.flags()).containsExactly("reroll");
    }

    @Test
    void cannotBeChangedThroughItsAccessors() {
        AvailableActions actions = AvailableActions.of(Map.of("extend", List.of(0)));

        assertThatExceptionOfType(UnsupportedOperationException.class)
                .isThrownBy(() -> actions.indexed().put("upscale", Set.of(1)));
        assertThatExceptionOfType(UnsupportedOperationException.class)
                .isThrownBy(() -> actions.indicesFor("extend").orElseThrow().add(3));
        assertThatExceptionOfType(UnsupportedOperationException.class)
                .isThrownBy(() -> actions.flags().add("reroll"));
    }
}
