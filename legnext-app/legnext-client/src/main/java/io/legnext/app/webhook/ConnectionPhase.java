package io.legnext.app.webhook;

/** Where a connection of the {@link NioHttpServer} stands in its request-answer cycle. */
enum ConnectionPhase {
    /** Reading a request's head; also the state of an idle kept-alive connection. */
    HEAD,
    /** Reading a body of known length. */
    BODY,
    /** Reading a chunked body. */
    CHUNKED,
    /** The request is with the handler: nothing is read. */
    HANDLING,
    /** Writing the answer. */
    WRITING,
    /** The answer is out and the output shut: reading and discarding what still comes, until the end. */
    LINGERING
}
