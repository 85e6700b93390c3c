package io.vtp.signalling.service;

import io.vtp.signalling.domain.Identity;

/**
 * One authenticated client connection, whatever its protocol (Socket.IO or the plain JSON socket).
 * Sends never block; they may be called from any thread.
 */
public interface Peer {

    /** Unique per connection. */
    String connectionId();

    Identity identity();

    /** A client that sent a fresh token keeps its connection past the old token's expiry. */
    void identity(Identity fresh);

    /** Sends an event with its payload (a record or map, written as JSON). */
    void emit(String event, Object payload);

    /** Ends the connection from the server's side, telling the client why. */
    void disconnect(String reason);

    /** Counts one incoming message; false when the connection is over its rate. */
    boolean admit();

    /** After {@link #admit()} said no: whether to tell the client (at most once a second). */
    boolean reportRefusal();
}
