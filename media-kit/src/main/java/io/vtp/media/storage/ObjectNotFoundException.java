package io.vtp.media.storage;

import java.io.IOException;

/** Thrown by {@link MediaStore#open} when there is no object under the key. */
public class ObjectNotFoundException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String key;

    /**
     * @param key the key that has no object
     */
    public ObjectNotFoundException(String key) {
        super("no object under key " + key);
        this.key = key;
    }

    /**
     * @param key the key that has no object
     * @param cause what the store reported
     */
    public ObjectNotFoundException(String key, Throwable cause) {
        super("no object under key " + key, cause);
        this.key = key;
    }

    /** @return the key that has no object */
    public String key() {
        return key;
    }
}
