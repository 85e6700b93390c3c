package io.vtp.recording.rest;

import io.vtp.kit.identity.Caller;
import io.vtp.recording.service.Actor;

/** The verified caller as the services see it. */
final class Actors {

    private Actors() {
    }

    static Actor of(Caller caller) {
        return new Actor(caller.id(), caller.role());
    }
}
