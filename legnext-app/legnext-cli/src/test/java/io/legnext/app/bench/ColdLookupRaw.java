package io.legnext.app.bench;

import java.net.URI;

/**
 * A fresh JVM's first lookup with the baseline ({@link RawLookup}), for {@link ColdStartBenchmark}: prints
 * {@code looked-up <status>} once the answer is read. Arguments: base URL, job id, key.
 */
public final class ColdLookupRaw {

    private ColdLookupRaw() {}

    public static void main(String[] args) throws Exception {
        RawLookup.RawTask task = new RawLookup(URI.create(args[0]), args[2]).getJob(args[1]);
        System.out.println("looked-up " + task.status());
    }
}
