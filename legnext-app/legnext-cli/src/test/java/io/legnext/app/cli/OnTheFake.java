package io.legnext.app.cli;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every in-process command line test on the shared fake starts from: one fake world (in virtual time) per test
 * class, and for each test a fresh home, no faults, a full balance and a harness whose commands share the world.
 */
abstract class OnTheFake {

    /** The README's prompt: an image URL and what happens. */
    static final String CAT = "https://example.com/cat.jpg a cat walks";

    static FakeWorld world;

    @TempDir
    Path home;

    CliHarness cli;

    @BeforeAll
    static void startWorld() {
        world = new FakeWorld();
    }

    @AfterAll
    static void stopWorld() {
        world.close();
    }

    @BeforeEach
    void harness() {
        world.fake.clearFaults();
        world.fake.setAvailablePoints(100_000);
        cli = CliHarness.on(world, home);
    }
}
