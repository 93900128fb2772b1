package io.legnext.app.download;

import java.net.URI;
import java.nio.file.Path;

/**
 * One downloaded result.
 *
 * @param url where it came from
 * @param path where it is now
 * @param bytes its size
 * @param alreadyPresent true when an identical file was already there and was left as it was
 */
public record SavedFile(URI url, Path path, long bytes, boolean alreadyPresent) {}
