package io.vtp.signalling.service;

import io.smallrye.mutiny.Uni;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** One user's presence in a live room (in memory; recorded as a participant session). */
public final class Participant {

    final UUID id;
    final UUID roomId;
    final Peer peer;
    final boolean producer;
    final boolean host;
    final Instant joinedAt;
    volatile boolean handRaised;
    /** The recording of the join; the leave is recorded after it. */
    volatile Uni<Void> recorded = Uni.createFrom().voidItem();

    Participant(UUID id, UUID roomId, Peer peer, boolean producer, boolean host, Instant joinedAt) {
        this.id = id;
        this.roomId = roomId;
        this.peer = peer;
        this.producer = producer;
        this.host = host;
        this.joinedAt = joinedAt;
    }

    public UUID id() {
        return id;
    }

    public Peer peer() {
        return peer;
    }

    /** The participant as clients see it. */
    public Map<String, Object> view() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("participant_id", id);
        view.put("user_id", peer.identity().userId());
        view.put("name", peer.identity().displayName());
        view.put("role", peer.identity().role());
        view.put("is_producer", producer);
        view.put("is_host", host);
        view.put("hand_raised", handRaised);
        view.put("joined_at", joinedAt.toString());
        return view;
    }
}
