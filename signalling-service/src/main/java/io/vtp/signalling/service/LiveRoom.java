package io.vtp.signalling.service;

import io.vtp.signalling.domain.Room;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** A room with people in it: its participants in join order. Guarded by its own monitor. */
public final class LiveRoom {

    final UUID id;
    final String name;
    final UUID courseId;
    final UUID createdBy;
    final int maxParticipants;
    private final Map<UUID, Participant> participants = new LinkedHashMap<>();
    private final Set<UUID> removedUsers = new HashSet<>();
    private boolean closed;

    LiveRoom(Room room) {
        this.id = room.id;
        this.name = room.name;
        this.courseId = room.courseId;
        this.createdBy = room.createdBy;
        this.maxParticipants = room.maxParticipants;
    }

    public UUID id() {
        return id;
    }

    public String name() {
        return name;
    }

    public UUID courseId() {
        return courseId;
    }

    /** Admits {@code participant} unless the room is closed, full, or removed the user. */
    synchronized void add(Participant participant) {
        if (closed) {
            throw SignallingError.roomNotFound();
        }
        if (removedUsers.contains(participant.peer.identity().userId())) {
            throw new SignallingError("removed_from_room", "the host removed you from this room");
        }
        if (participants.size() >= maxParticipants) {
            throw new SignallingError("room_full", "the room admits at most " + maxParticipants + " participants");
        }
        participants.put(participant.id, participant);
    }

    synchronized boolean remove(Participant participant) {
        return participants.remove(participant.id, participant);
    }

    synchronized void ban(UUID userId) {
        removedUsers.add(userId);
    }

    /** Marks the room closed and hands back everyone who was in it. */
    synchronized List<Participant> close() {
        closed = true;
        List<Participant> everyone = new ArrayList<>(participants.values());
        participants.clear();
        return everyone;
    }

    synchronized boolean isClosed() {
        return closed;
    }

    public synchronized List<Participant> participants() {
        return new ArrayList<>(participants.values());
    }

    synchronized Participant participant(UUID participantId) {
        return participants.get(participantId);
    }

    synchronized Participant participantOf(Peer peer) {
        for (Participant participant : participants.values()) {
            if (participant.peer == peer) {
                return participant;
            }
        }
        return null;
    }

    public synchronized int size() {
        return participants.size();
    }
}
