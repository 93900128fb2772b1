package io.legnext.app.bench;

import io.legnext.app.Legnext;
import io.legnext.core.job.JobId;
import java.net.URI;

/**
 * A fresh JVM's first lookup through the facade, built as a host builds it, for {@link ColdStartBenchmark}: prints
 * {@code looked-up <status>} once the job is read. Arguments: base URL, job id, key.
 */
public final class ColdLookupLegnext {

    private ColdLookupLegnext() {}

    public static void main(String[] args) {
        try (Legnext legnext =
                Legnext.builder().http(args[2]).baseUri(URI.create(args[0])).build()) {
            System.out.println(
                    "looked-up " + legnext.getJob(JobId.parse(args[1])).status().wireName());
        }
    }
}
