package io.vtp.events;

/**
 * Every CloudEvents type the platform publishes, with the topic it is published on.
 * The payload schema of each type is the classpath resource {@link #schemaResource()}.
 */
public enum EventType {
    USER_REGISTERED("vtp.user.registered.v1", Topic.USERS),
    USER_UPDATED("vtp.user.updated.v1", Topic.USERS),
    USER_DEACTIVATED("vtp.user.deactivated.v1", Topic.USERS),

    ROOM_CREATED("vtp.room.created.v1", Topic.ROOMS),
    ROOM_DELETED("vtp.room.deleted.v1", Topic.ROOMS),
    ROOM_PARTICIPANT_JOINED("vtp.room.participant_joined.v1", Topic.ROOMS),
    ROOM_PARTICIPANT_LEFT("vtp.room.participant_left.v1", Topic.ROOMS),

    RECORDING_STARTED("vtp.recording.started.v1", Topic.RECORDINGS),
    RECORDING_STOPPED("vtp.recording.stopped.v1", Topic.RECORDINGS),
    RECORDING_COMPLETED("vtp.recording.completed.v1", Topic.RECORDINGS),
    RECORDING_FAILED("vtp.recording.failed.v1", Topic.RECORDINGS),
    RECORDING_DELETED("vtp.recording.deleted.v1", Topic.RECORDINGS),

    MEDIA_TRANSCODE_STARTED("vtp.media.transcode_started.v1", Topic.MEDIA),
    MEDIA_TRANSCODE_PROGRESS("vtp.media.transcode_progress.v1", Topic.MEDIA),
    MEDIA_READY("vtp.media.ready.v1", Topic.MEDIA),
    MEDIA_TRANSCODE_FAILED("vtp.media.transcode_failed.v1", Topic.MEDIA),
    MEDIA_LIVE_STARTED("vtp.media.live_started.v1", Topic.MEDIA),
    MEDIA_LIVE_ENDED("vtp.media.live_ended.v1", Topic.MEDIA),

    VIEWING_STARTED("vtp.viewing.started.v1", Topic.VIEWING),
    VIEWING_PROGRESS("vtp.viewing.progress.v1", Topic.VIEWING),
    VIEWING_ENDED("vtp.viewing.ended.v1", Topic.VIEWING),

    COURSE_CREATED("vtp.course.created.v1", Topic.COURSES),
    COURSE_UPDATED("vtp.course.updated.v1", Topic.COURSES),
    COURSE_DELETED("vtp.course.deleted.v1", Topic.COURSES),
    COURSE_RECORDING_ADDED("vtp.course.recording_added.v1", Topic.COURSES),
    COURSE_RECORDING_PUBLISHED("vtp.course.recording_published.v1", Topic.COURSES),
    COURSE_RECORDING_UNPUBLISHED("vtp.course.recording_unpublished.v1", Topic.COURSES),
    COURSE_RECORDING_REMOVED("vtp.course.recording_removed.v1", Topic.COURSES),
    COURSE_PERMISSION_GRANTED("vtp.course.permission_granted.v1", Topic.COURSES),
    COURSE_PERMISSION_REVOKED("vtp.course.permission_revoked.v1", Topic.COURSES),

    ENROLLMENT_CREATED("vtp.enrollment.created.v1", Topic.ENROLLMENTS),
    ENROLLMENT_REMOVED("vtp.enrollment.removed.v1", Topic.ENROLLMENTS),

    ANALYTICS_STUDENT_AT_RISK("vtp.analytics.student_at_risk.v1", Topic.ANALYTICS_ALERTS),
    ANALYTICS_STUDENT_AT_RISK_CLEARED("vtp.analytics.student_at_risk_cleared.v1", Topic.ANALYTICS_ALERTS);

    private final String type;
    private final Topic topic;

    EventType(String type, Topic topic) {
        this.type = type;
        this.topic = topic;
    }

    /** The CloudEvents {@code type} (header {@code ce_type}), e.g. {@code vtp.recording.completed.v1}. */
    public String type() {
        return type;
    }

    /** The topic this type is published on. */
    public Topic topic() {
        return topic;
    }

    /** Classpath location of the JSON Schema of this type's {@code data}. */
    public String schemaResource() {
        return EventCatalog.SCHEMA_DIRECTORY + type + ".json";
    }
}
