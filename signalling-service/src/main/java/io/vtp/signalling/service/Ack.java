package io.vtp.signalling.service;

/** The reply to a message whose sender asked for one (a Socket.IO acknowledgement). */
@FunctionalInterface
public interface Ack {

    Ack NONE = payload -> { };

    void reply(Object payload);
}
