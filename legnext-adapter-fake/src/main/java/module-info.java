/** An in-memory Legnext implementing the core's driven ports, for tests and key-less runs. */
module io.legnext.adapter.fake {
    requires transitive io.legnext.core;
    requires java.net.http;

    exports io.legnext.adapter.fake;
}
