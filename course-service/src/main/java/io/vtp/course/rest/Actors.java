package io.vtp.course.rest;

import io.vtp.course.service.Actor;
import io.vtp.kit.identity.Caller;

/** The verified caller as the services see it. */
final class Actors {

    private Actors() {
    }

    static Actor of(Caller caller) {
        return new Actor(caller.id(), caller.role(), caller.name(), caller.email());
    }
}
