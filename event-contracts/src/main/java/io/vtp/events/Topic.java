package io.vtp.events;

/** The Kafka topics of the platform, one per domain (DESIGN.md, "Events"). */
public enum Topic {
    USERS("vtp.users"),
    ROOMS("vtp.rooms"),
    RECORDINGS("vtp.recordings"),
    MEDIA("vtp.media"),
    VIEWING("vtp.viewing"),
    COURSES("vtp.courses"),
    ENROLLMENTS("vtp.enrollments"),
    ANALYTICS_ALERTS("vtp.analytics.alerts");

    private final String topicName;

    Topic(String topicName) {
        this.topicName = topicName;
    }

    /** The Kafka topic name, e.g. {@code vtp.recordings}. */
    public String topicName() {
        return topicName;
    }
}
