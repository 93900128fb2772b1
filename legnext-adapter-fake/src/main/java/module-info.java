/** A fake Legnext implementing the core's driven ports, in memory or kept in a directory, for tests and CLI runs. */
module io.legnext.adapter.fake {
    requires transitive io.legnext.core;
    requires java.net.http;

    exports io.legnext.adapter.fake;
}
