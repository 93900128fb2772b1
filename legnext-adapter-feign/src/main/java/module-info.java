/**
 * The core's driven ports over HTTP: a Feign client generated from the contract, whose generated types stay inside
 * (only Jackson and Feign reach into them, by reflection).
 */
module io.legnext.adapter.feign {
    requires transitive io.legnext.core;
    requires transitive java.net.http;
    requires com.fasterxml.jackson.annotation;
    requires com.fasterxml.jackson.core;
    requires com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.datatype.jsr310;
    requires feign.core;
    requires feign.jackson;
    requires feign.slf4j;
    requires org.slf4j;
    // The generated sources carry its annotations; the JVM ignores them when it is absent at run time.
    requires static jakarta.annotation;

    exports io.legnext.adapter.feign;

    opens io.legnext.adapter.feign.generated to
            com.fasterxml.jackson.databind;
    opens io.legnext.adapter.feign.generated.model to
            com.fasterxml.jackson.databind;
    opens io.legnext.adapter.feign.generated.api to
            feign.core;
}
