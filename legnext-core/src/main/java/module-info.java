/** legnext's domain, rules, ports and services: the hexagon's inside, depending on the JDK alone. */
module io.legnext.core {
    exports io.legnext.core.domain;
    exports io.legnext.core.event;
    exports io.legnext.core.port.in;
    exports io.legnext.core.port.out;
    exports io.legnext.core.service;
    exports io.legnext.core.time;
}
