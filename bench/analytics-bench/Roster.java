import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static java.util.stream.Collectors.joining;

/**
 * Phase 1 of bench/analytics-bench.sh: the course as other services announce it, through Kafka,
 * then waits until analytics-service has it (JDBC on its database):
 *   - vtp.users: user.registered of the owner and of every student (names for the reports);
 *   - vtp.courses: permission_granted (owner) and recording_added (published) of every lecture,
 *     at its publication time; vtp.enrollments: enrollment.created of every student;
 *   - vtp.recordings / vtp.media: recording.completed and media.ready (360p 500 kb/s, 720p 2000 kb/s)
 *     of every lecture and of the probe recording (outside the course, for the visibility probes).
 * Environment: RUN, STUDENTS, LECTURES, KAFKA, JDBC (analytics database), OWNER_ID (optional: a
 * real account to own the course instead of a synthetic one). Prints key=value lines.
 */
public class Roster {

    public static void main(String[] args) throws Exception {
        Plan plan = Plan.fromEnvironment();
        String ownerEnv = System.getenv("OWNER_ID");
        UUID owner = ownerEnv == null || ownerEnv.isBlank() ? plan.owner : UUID.fromString(ownerEnv);
        long started = System.nanoTime();
        List<Future<?>> sent = new ArrayList<>();
        try (KafkaProducer<String, String> producer = Plan.producer(Plan.env("KAFKA", null), "none", 5)) {
            sent.add(producer.send(user(owner, "Bench Owner", "instructor", plan.termStart.minusSeconds(30 * 86_400L))));
            for (int i = 0; i < plan.students; i++) {
                sent.add(producer.send(user(plan.studentIds[i], "Student " + i, "student", plan.enrolled[i].minusSeconds(3600))));
            }
            Instant created = plan.termStart.minusSeconds(14 * 86_400L);
            sent.add(producer.send(Plan.event("vtp.courses", plan.course.toString(), "vtp.course.permission_granted.v1", created,
                    "{\"course_id\":\"" + plan.course + "\",\"user_id\":\"" + owner
                            + "\",\"capability\":\"owner\",\"granted_by\":null,\"granted_at\":\"" + created + "\"}")));
            for (int i = 0; i < plan.students; i++) {
                Instant at = plan.enrolled[i];
                sent.add(producer.send(Plan.event("vtp.enrollments", plan.course.toString(), "vtp.enrollment.created.v1", at,
                        "{\"enrollment_id\":\"" + plan.uuid("enrollment", i)
                                + "\",\"course_id\":\"" + plan.course + "\",\"user_id\":\"" + plan.studentIds[i]
                                + "\",\"status\":\"active\",\"enrolled_by\":null,\"enrolled_at\":\"" + at + "\"}")));
            }
            for (int i = 0; i < plan.lectures; i++) {
                UUID recording = plan.lectureIds[i];
                Instant done = plan.published[i].minusSeconds(6 * 3600);
                sent.add(producer.send(completed(recording, plan.course, owner, "Lecture " + (i + 1), plan.durations[i], done)));
                sent.add(producer.send(ready(recording, plan.durations[i], done.plusSeconds(1800))));
                sent.add(producer.send(Plan.event("vtp.courses", plan.course.toString(), "vtp.course.recording_added.v1", plan.published[i],
                        "{\"course_id\":\"" + plan.course
                                + "\",\"recording_id\":\"" + recording + "\",\"sequence_order\":" + (i + 1)
                                + ",\"published\":true,\"added_by\":\"" + owner + "\",\"added_at\":\"" + plan.published[i] + "\"}")));
            }
            Instant probeDone = plan.created.minusSeconds(3600);
            sent.add(producer.send(completed(plan.probeRecording, null, owner, "Visibility probe", 3600, probeDone)));
            sent.add(producer.send(ready(plan.probeRecording, 3600, probeDone.plusSeconds(600))));
            for (Future<?> f : sent) {
                f.get(60, TimeUnit.SECONDS);
            }
        }
        System.out.printf("sent %d events (users, course roster, recordings, media) in %.1f s%n", sent.size(),
                (System.nanoTime() - started) / 1e9);

        String lectures = java.util.Arrays.stream(plan.lectureIds).map(id -> "'" + id + "'").collect(joining(","));
        String students = "select count(*) from course_members where course_id = '" + plan.course + "' and role = 'student'";
        String published = "select count(*) from course_lectures where course_id = '" + plan.course + "' and published";
        String ready = "select count(*) from lectures where recording_id in (" + lectures + ", '" + plan.probeRecording
                + "') and ready_at is not null and completed_at is not null";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Plan.envLong("ROSTER_TIMEOUT", 300));
        long s = 0;
        long l = 0;
        long r = 0;
        try (Connection db = Plan.db()) {
            while (System.nanoTime() < deadline) {
                s = Plan.longQuery(db, students);
                l = Plan.longQuery(db, published);
                r = Plan.longQuery(db, ready);
                if (s == plan.students && l == plan.lectures && r == plan.lectures + 1) {
                    break;
                }
                Thread.sleep(500);
            }
        }
        System.out.printf("analytics-service has %d of %d students, %d of %d published lectures, %d of %d recordings ready"
                + " (%.1f s after the first event)%n", s, plan.students, l, plan.lectures, r, plan.lectures + 1,
                (System.nanoTime() - started) / 1e9);
        if (s != plan.students || l != plan.lectures || r != plan.lectures + 1) {
            System.err.println("Roster: analytics-service did not take in the course in time");
            System.exit(1);
        }
        System.out.println("course_id=" + plan.course);
        System.out.println("owner_id=" + owner);
        System.out.println("probe_recording=" + plan.probeRecording);
    }

    static ProducerRecord<String, String> user(UUID id, String name, String role, Instant at) {
        return Plan.event("vtp.users", id.toString(), "vtp.user.registered.v1", at,
                "{\"user_id\":\"" + id + "\",\"email\":\"" + id + "@analytics-bench.invalid\",\"full_name\":\"" + name
                        + "\",\"role\":\"" + role + "\",\"created_at\":\"" + at + "\"}");
    }

    static ProducerRecord<String, String> completed(UUID recording, UUID course, UUID owner, String title, double duration,
                                                    Instant at) {
        return Plan.event("vtp.recordings", recording.toString(), "vtp.recording.completed.v1", at,
                "{\"recording_id\":\"" + recording + "\",\"room_id\":null,\"course_id\":" + Plan.quoted(course)
                        + ",\"owner_id\":\"" + owner + "\",\"title\":\"" + title + "\",\"storage_key\":\"raw/" + recording
                        + "/recording.webm\",\"mime_type\":\"video/webm\",\"size_bytes\":1000,\"duration_seconds\":" + duration
                        + ",\"width\":1280,\"height\":720,\"video_codec\":\"vp8\",\"audio_codec\":\"opus\",\"completed_at\":\""
                        + at + "\"}");
    }

    static ProducerRecord<String, String> ready(UUID recording, double duration, Instant at) {
        return Plan.event("vtp.media", recording.toString(), "vtp.media.ready.v1", at,
                "{\"recording_id\":\"" + recording + "\",\"job_id\":\"" + UUID.randomUUID() + "\",\"master_playlist_path\":"
                        + "\"renditions/" + recording + "/master.m3u8\",\"duration_seconds\":" + duration
                        + ",\"renditions\":[{\"name\":\"360p\",\"width\":640,\"height\":360,\"bitrate_kbps\":500},"
                        + "{\"name\":\"720p\",\"width\":1280,\"height\":720,\"bitrate_kbps\":2000}],\"ready_at\":\"" + at + "\"}");
    }
}
