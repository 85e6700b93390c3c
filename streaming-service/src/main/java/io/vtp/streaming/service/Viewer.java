package io.vtp.streaming.service;

import io.vtp.kit.identity.Caller;

import java.util.UUID;

/** Who asks: the caller's user id and whether they are an administrator (from the verified token). */
public record Viewer(UUID id, boolean admin) {

    public static Viewer of(Caller caller) {
        return new Viewer(caller.id(), caller.isAdmin());
    }
}
