/**
 * What hosts embed: the {@code Legnext} facade over the HTTP adapter (or the fake, when the host adds it), the file
 * journal, downloads and the webhook receiver.
 */
module io.legnext.client {
    requires transitive io.legnext.core;
    requires transitive io.legnext.adapter.feign;
    // Only for Legnext.fake(...) and Builder.fake(...): a host that uses them requires the fake itself.
    requires static io.legnext.adapter.fake;
    requires com.fasterxml.jackson.databind;
    requires org.slf4j;

    exports io.legnext.app;
    exports io.legnext.app.batch;
    exports io.legnext.app.download;
    exports io.legnext.app.journal;
    exports io.legnext.app.webhook;
// io.legnext.app.json (the journal's JSON lines, shared with the command line, which runs on the class path)
// is not exported: it is not part of the documented API.
}
