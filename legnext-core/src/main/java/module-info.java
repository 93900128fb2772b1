/** legnext's domain, rules, ports and services: the hexagon's inside, depending on the JDK alone. */
module io.legnext.core {
    exports io.legnext.core.batch;
    exports io.legnext.core.callback;
    exports io.legnext.core.error;
    exports io.legnext.core.event;
    exports io.legnext.core.inmemory;
    exports io.legnext.core.job;
    exports io.legnext.core.journal;
    exports io.legnext.core.port.in;
    exports io.legnext.core.port.out;
    exports io.legnext.core.request;
    exports io.legnext.core.rule;
    exports io.legnext.core.secret;
    exports io.legnext.core.service;
    exports io.legnext.core.time;
    exports io.legnext.core.url;
    exports io.legnext.core.wait;
}
