/**
 * A local Legnext over HTTP: the fake service served at the real API's paths and shapes, with an admin API for
 * scripted faults, for tests in any language and for the command line's {@code legnext mock-server}.
 */
module io.legnext.mock {
    requires transitive io.legnext.adapter.fake;
    requires io.legnext.client;
    requires com.fasterxml.jackson.databind;
    requires java.net.http;

    exports io.legnext.mock;
}
