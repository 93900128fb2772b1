package io.legnext.core.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PointUsageTest {

    @Test
    void keepsFrozenAndConsumedPoints() {
        PointUsage usage = new PointUsage("point", 480, 480);

        assertThat(usage.unit()).isEqualTo("point");
        assertThat(usage.frozen()).isEqualTo(480);
        assertThat(usage.consumed()).isEqualTo(480);
    }

    @Test
    void acceptsZero() {
        assertThat(new PointUsage("credit", 0, 0)).isEqualTo(new PointUsage("credit", 0, 0));
    }

    @ParameterizedTest
    @ValueSource(longs = {-1, Long.MIN_VALUE})
    void rejectsNegativeFrozen(long frozen) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new PointUsage("point", frozen, 0))
                .withMessage("'frozen' must be at least 0, was " + frozen);
    }

    @Test
    void rejectsNegativeConsumed() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new PointUsage("point", 480, -1))
                .withMessage("'consumed' must be at least 0, was -1");
    }

    @Test
    void requiresAUnit() {
        assertThatNullPointerException().isThrownBy(() -> new PointUsage(null, 0, 0));
    }

    @Test
    void noneHasNothingFrozenOrConsumed() {
        assertThat(PointUsage.NONE).isEqualTo(new PointUsage("", 0, 0));
    }
}
