package io.legnext.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.legnext.core.batch.ItemRecord;
import io.legnext.core.batch.ItemState;
import io.legnext.core.job.JobId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Several runners (stores) on one database, as the instances of a fleet: claims, liveness and adoption. */
class JdbcFleetTest {

    private static DataSource database;
    private final List<JdbcBatchStore> opened = new ArrayList<>();

    @BeforeAll
    static void database() {
        database = TestPostgres.freshDatabase();
    }

    @AfterEach
    void closeAll() {
        opened.forEach(JdbcBatchStore::close);
    }

    private JdbcBatchStore runner() {
        JdbcBatchStore store = new JdbcBatchStore(database);
        opened.add(store);
        return store;
    }

    private static String batch() {
        return "fleet-" + System.nanoTime();
    }

    private static List<String> keys(int n) {
        return IntStream.range(0, n).mapToObj(i -> "k" + i).toList();
    }

    @Test
    void claimsRacingFromThreadsOfTwoRunnersTakeEachItemOnceAndKeepTheLimitTogether() throws Exception {
        JdbcBatchStore a = runner();
        JdbcBatchStore b = runner();
        String batch = batch();
        int items = 60;
        int limit = 5;
        List<String> candidates = keys(items);
        List<String> claimed = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger held = new AtomicInteger();
        AtomicInteger mostHeld = new AtomicInteger();
        AtomicInteger mostInFlightInTheDatabase = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> threads = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                JdbcBatchStore store = t % 2 == 0 ? a : b;
                Callable<Integer> thread = () -> {
                    start.await();
                    int mine = 0;
                    while (claimed.size() < items) {
                        Optional<ItemRecord> r = store.claim(batch, candidates, limit);
                        if (r.isEmpty()) {
                            Thread.onSpinWait();
                            continue;
                        }
                        mostHeld.accumulateAndGet(held.incrementAndGet(), Math::max);
                        mostInFlightInTheDatabase.accumulateAndGet(inFlight(batch), Math::max);
                        claimed.add(r.get().key());
                        mine++;
                        held.decrementAndGet();
                        store.save(batch, r.get().accepted(JobId.random()).with(ItemState.COMPLETED, null));
                    }
                    return mine;
                };
                threads.add(pool.submit(thread));
            }
            start.countDown();
            for (Future<Integer> thread : threads) {
                thread.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(claimed).hasSize(items).doesNotHaveDuplicates();
        assertThat(mostHeld.get()).isLessThanOrEqualTo(limit);
        assertThat(mostInFlightInTheDatabase.get()).isLessThanOrEqualTo(limit);
        assertThat(a.load(batch).values()).hasSize(items).allMatch(r -> r.state() == ItemState.COMPLETED);
    }

    @Test
    void theLimitHoldsAcrossRunners() {
        JdbcBatchStore a = runner();
        JdbcBatchStore b = runner();
        String batch = batch();

        assertThat(a.claim(batch, keys(4), 2))
                .hasValueSatisfying(r -> assertThat(r.key()).isEqualTo("k0"));
        assertThat(b.claim(batch, keys(4), 2))
                .hasValueSatisfying(r -> assertThat(r.key()).isEqualTo("k1"));

        assertThat(a.claim(batch, keys(4), 2))
                .as("two in flight of two, one each")
                .isEmpty();
        assertThat(b.claim(batch, keys(4), 2)).isEmpty();
    }

    @Test
    void aLiveRunnersItemsAreNotUnownedAndCannotBeAdopted() {
        JdbcBatchStore a = runner();
        JdbcBatchStore b = runner();
        String batch = batch();
        ItemRecord claimed = a.claim(batch, keys(2), 6).orElseThrow();
        a.save(batch, claimed.accepted(JobId.random()));

        assertThat(b.unowned(batch)).isEmpty();
        assertThat(a.unowned(batch))
                .as("the asking runner's own: an earlier run over this store may have left them")
                .containsExactly("k0");
        assertThat(b.adopt(batch, "k0")).isFalse();
    }

    @Test
    void closingARunnerLeavesItsItemsInFlightUnownedForTheOthers() {
        JdbcBatchStore a = runner();
        JdbcBatchStore b = runner();
        String batch = batch();
        assertThat(a.claim(batch, keys(3), 6)).isPresent();
        ItemRecord second = a.claim(batch, keys(3), 6).orElseThrow();
        a.save(batch, second.accepted(JobId.random()));
        ItemRecord third = a.claim(batch, keys(3), 6).orElseThrow();
        a.save(batch, third.accepted(JobId.random()).with(ItemState.COMPLETED, null));

        a.close();

        assertThat(b.unowned(batch)).containsExactlyInAnyOrder("k0", "k1");
        assertThat(b.adopt(batch, "k1")).isTrue();
        assertThat(runner().unowned(batch)).as("adopted by a live runner now").containsExactly("k0");
        assertThat(b.unowned(batch)).as("k1 is b's own").containsExactlyInAnyOrder("k0", "k1");
    }

    @Test
    void aRunnerWhoseLeaseConnectionDiesIsGoneToTheOthersAndClaimsNothingMore() throws Exception {
        JdbcBatchStore a = runner();
        JdbcBatchStore b = runner();
        String batch = batch();
        ItemRecord held = a.claim(batch, keys(2), 6).orElseThrow();
        a.save(batch, held.accepted(JobId.random()));

        // The database ends a's lease session, as a dropped connection or a killed process would; the call waits
        // (up to 60 s) until the session is gone, so its lock is freed when it returns.
        try (Connection c = database.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT pg_terminate_backend(l.pid, 60000) FROM pg_locks l"
                        + " WHERE l.locktype = 'advisory' AND ((l.classid::bigint << 32) | l.objid::bigint) = ?")) {
            s.setLong(1, a.runnerId());
            s.executeQuery().close();
        }

        assertThat(b.unowned(batch)).containsExactly("k0");
        assertThatThrownBy(() -> a.claim(batch, keys(2), 6))
                .isInstanceOf(JdbcStoreException.class)
                .hasMessageContaining("lease")
                .hasMessageContaining("Open a new JdbcBatchStore");
        assertThat(b.adopt(batch, "k0")).isTrue();
    }

    @Test
    void runnersConnectedAsAnOrdinaryRoleSeeEachOtherAliveAndGone() {
        DataSource asApp = TestPostgres.freshDatabaseOf("legnext_app");
        JdbcBatchStore a = new JdbcBatchStore(asApp);
        JdbcBatchStore b = new JdbcBatchStore(asApp);
        opened.add(b);
        String batch = batch();
        assertThat(a.claim(batch, keys(2), 6)).isPresent();

        assertThat(b.unowned(batch)).as("a is alive").isEmpty();
        a.close();

        assertThat(b.unowned(batch)).as("a is gone").containsExactly("k0");
        assertThat(b.adopt(batch, "k0")).isTrue();
    }

    @Test
    void aClosedRunnerClaimsAndWritesNothingMore() {
        JdbcBatchStore a = runner();
        String batch = batch();
        a.close();

        assertThatThrownBy(() -> a.claim(batch, keys(1), 6))
                .isInstanceOf(JdbcStoreException.class)
                .hasMessageContaining("closed");
        assertThatThrownBy(() -> a.save(batch, ItemRecord.pending("k0"))).isInstanceOf(JdbcStoreException.class);
    }

    @Test
    void anItemSavedPendingOrFinalBelongsToNoRunner() throws Exception {
        JdbcBatchStore a = runner();
        String batch = batch();
        ItemRecord k0 = a.claim(batch, keys(2), 6).orElseThrow();
        ItemRecord k1 = a.claim(batch, keys(2), 6).orElseThrow();

        a.save(batch, k0.with(ItemState.PENDING, "rate limited"));
        a.save(batch, k1.with(ItemState.FAILED, "refused"));

        assertThat(owner(batch, "k0")).isEmpty();
        assertThat(owner(batch, "k1")).isEmpty();
    }

    @Test
    void twoRunnersAdoptingOneItemAtOnceOneWins() throws Exception {
        String batch = batch();
        JdbcBatchStore gone = runner();
        int items = 20;
        for (String key : keys(items)) {
            gone.save(batch, ItemRecord.pending(key).accepted(JobId.random()));
        }
        gone.close();
        JdbcBatchStore a = runner();
        JdbcBatchStore b = runner();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (String key : keys(items)) {
                CountDownLatch start = new CountDownLatch(1);
                Future<Boolean> byA = pool.submit(() -> {
                    start.await();
                    return a.adopt(batch, key);
                });
                Future<Boolean> byB = pool.submit(() -> {
                    start.await();
                    return b.adopt(batch, key);
                });
                start.countDown();
                boolean aWon = byA.get(1, TimeUnit.MINUTES);
                boolean bWon = byB.get(1, TimeUnit.MINUTES);

                assertThat(aWon ^ bWon).as("exactly one adopter of " + key).isTrue();
                long winner = aWon ? a.runnerId() : b.runnerId();
                assertThat(owner(batch, key)).contains(winner);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(runner().unowned(batch)).as("every item has a live owner").isEmpty();
    }

    @Test
    void runnersWithNegativeAndPositiveIdsAreBothSeenAlive() {
        // pg_locks splits a 64-bit key in two unsigned halves; both signs must map back to the runner's id.
        List<JdbcBatchStore> runners = new ArrayList<>();
        while (runners.stream().noneMatch(r -> r.runnerId() < 0)
                || runners.stream().noneMatch(r -> r.runnerId() > 0)) {
            runners.add(runner());
        }
        JdbcBatchStore asking = runner();
        String batch = batch();
        for (JdbcBatchStore r : runners) {
            assertThat(r.claim(batch, keys(runners.size()), runners.size())).isPresent();
        }

        assertThat(asking.unowned(batch)).isEmpty();
    }

    private static int inFlight(String batch) throws Exception {
        try (Connection c = database.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT count(*) FROM legnext_batch_item"
                        + " WHERE batch_id = ? AND state IN ('SUBMITTING', 'ACCEPTED')")) {
            s.setString(1, batch);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    static Optional<Long> owner(DataSource database, String batch, String key) throws Exception {
        try (Connection c = database.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT owner FROM legnext_batch_item WHERE batch_id = ? AND item_key = ?")) {
            s.setString(1, batch);
            s.setString(2, key);
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).as("a row for " + key).isTrue();
                return Optional.ofNullable(rs.getObject(1, Long.class));
            }
        }
    }

    private static Optional<Long> owner(String batch, String key) throws Exception {
        return owner(database, batch, key);
    }
}
