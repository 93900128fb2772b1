package io.legnext.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.legnext.core.time.VirtualTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The virtual time of the in-process command tests: it moves only while a command waits on it. */
class CommandTimeTest {

    final VirtualTime virtual = new VirtualTime();
    final CommandTime time = new CommandTime(virtual);
    final Instant start = virtual.now();
    final List<String> ran = new CopyOnWriteArrayList<>();

    @Test
    void noTimePassesBetweenCommandsWhateverTheServiceHasScheduled() {
        virtual.schedule(Duration.ofMinutes(1), () -> ran.add("delivery"));

        int exit = time.run(() -> 0);

        assertThat(exit).isZero();
        assertThat(virtual.now()).isEqualTo(start);
        assertThat(ran).isEmpty();
    }

    @Test
    void aCommandThatWaitsSeesEachOfItsTasksRunAtItsOwnInstant() {
        int exit = time.run(() -> {
            CompletableFuture<Integer> done = new CompletableFuture<>();
            time.schedule(Duration.ofSeconds(5), () -> {
                ran.add("look at " + Duration.between(start, time.clock().instant()));
                time.schedule(Duration.ofSeconds(5), () -> {
                    ran.add("look at " + Duration.between(start, time.clock().instant()));
                    done.complete(7);
                });
            });
            return done.join();
        });

        assertThat(exit).isEqualTo(7);
        assertThat(ran).containsExactly("look at PT5S", "look at PT10S");
        assertThat(virtual.now()).isEqualTo(start.plusSeconds(10));
    }

    @Test
    void theServicesTasksRunOnTheWayButTimeStopsWithTheCommandsLastTask() {
        virtual.schedule(Duration.ofMinutes(1), () -> ran.add("delivery at 1 min"));
        virtual.schedule(Duration.ofMinutes(10), () -> ran.add("delivery at 10 min"));

        time.run(() -> {
            CompletableFuture<Integer> done = new CompletableFuture<>();
            time.schedule(Duration.ofMinutes(2), () -> done.complete(0));
            return done.join();
        });

        assertThat(ran).containsExactly("delivery at 1 min");
        assertThat(virtual.now()).isEqualTo(start.plus(Duration.ofMinutes(2)));
        assertThat(virtual.pendingTasks()).isOne();
    }

    @Test
    void aCancelledTaskNeverMovesTime() {
        time.run(() -> {
            time.schedule(Duration.ofMinutes(3), () -> ran.add("cancelled lookup"))
                    .cancel();
            return 0;
        });

        assertThat(time.pendingTasks()).isZero();
        assertThat(virtual.now()).isEqualTo(start);
        assertThat(ran).isEmpty();
    }

    @Test
    void aCommandBlockedOnSomethingElseThanItsTasksIsLeftToFinishWithTimeStandingStill() {
        virtual.schedule(Duration.ofMinutes(1), () -> ran.add("delivery"));

        int exit = time.run(() -> CompletableFuture.supplyAsync(() -> 3).join());

        assertThat(exit).isEqualTo(3);
        assertThat(virtual.now()).isEqualTo(start);
        assertThat(ran).isEmpty();
    }

    @Test
    void whatTheCommandThrowsReachesTheCaller() {
        assertThatThrownBy(() -> time.run(() -> {
                    throw new IllegalStateException("boom");
                }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("boom");
    }
}
