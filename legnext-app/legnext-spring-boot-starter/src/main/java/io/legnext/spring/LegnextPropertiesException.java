package io.legnext.spring;

import java.util.Objects;

/** A {@code legnext.*} property has a value the starter cannot work with; the message names it and its bound. */
public final class LegnextPropertiesException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String property;

    /**
     * @param property the property's full name, e.g. {@code legnext.base-url}
     * @param message what is wrong, never repeating a key or a secret
     */
    public LegnextPropertiesException(String property, String message) {
        super(message);
        this.property = Objects.requireNonNull(property, "property");
    }

    /** The property's full name. */
    public String property() {
        return property;
    }
}
