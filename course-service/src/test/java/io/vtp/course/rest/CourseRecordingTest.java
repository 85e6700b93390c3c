package io.vtp.course.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.vtp.course.support.Cast;
import io.vtp.course.support.Events;
import io.vtp.testsupport.Person;
import io.vtp.testsupport.Db;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.vtp.testsupport.ProblemAssertions.problem;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Lectures, driven by real recording and media events on the broker: a recording becomes
 * attachable when recording-service says it exists, publishable when streaming-service says its
 * ladder is ready, and leaves its courses when it is deleted.
 */
@QuarkusTest
class CourseRecordingTest {

    @Test
    void aRecordingIsAttachableOnceKnownAndPublishableOnceItsLadderIsReady() {
        Cast cast = Cast.create();
        UUID unknown = UUID.randomUUID();
        problem(cast.owner().api().body(Map.of("recording_id", unknown.toString())).post(cast.path() + "/recordings")
                .then(), 422, "unknown-recording");

        UUID recording = Events.recordingCompleted(cast.instructor(), "Eigenvalues");
        cast.owner().api().body(Map.of("recording_id", recording.toString(), "lecture_number", 5,
                        "lecture_title", "Eigenvalues and eigenvectors"))
                .post(cast.path() + "/recordings").then().statusCode(201)
                .body("course_id", equalTo(cast.courseId().toString()))
                .body("recording_id", equalTo(recording.toString()))
                .body("lecture_number", equalTo(5))
                .body("title", equalTo("Eigenvalues"))
                .body("duration_seconds", equalTo(61.5f))
                .body("sequence_order", equalTo(0))
                .body("is_published", equalTo(false))
                .body("media_ready", equalTo(false));
        problem(cast.owner().api().body(Map.of("recording_id", recording.toString())).post(cast.path() + "/recordings")
                .then(), 409, "conflict");

        problem(cast.owner().api().post(cast.path() + "/recordings/" + recording + "/publish").then(), 409,
                "media-not-ready");
        cast.student().api().get(cast.path() + "/recordings").then().statusCode(200).body("total", equalTo(0));

        Events.mediaReady(recording);
        cast.instructor().api().post(cast.path() + "/recordings/" + recording + "/publish").then().statusCode(200)
                .body("is_published", equalTo(true)).body("media_ready", equalTo(true));
        cast.instructor().api().post(cast.path() + "/recordings/" + recording + "/publish").then().statusCode(200);
        cast.student().api().get(cast.path() + "/recordings").then().statusCode(200)
                .body("recordings.recording_id", equalTo(List.of(recording.toString())));
        cast.owner().api().get(cast.path()).then().body("recording_count", equalTo(1))
                .body("published_recording_count", equalTo(1));

        cast.owner().api().post(cast.path() + "/recordings/" + recording + "/unpublish").then().statusCode(200)
                .body("is_published", equalTo(false));
        cast.student().api().get(cast.path() + "/recordings").then().body("total", equalTo(0));
        cast.ta().api().get(cast.path() + "/recordings").then().body("total", equalTo(1));
    }

    @Test
    void studentsSeePublishedLecturesInSequenceOrder() {
        Cast cast = Cast.create();
        UUID late = Events.recordingCompleted(cast.owner(), "Late");
        UUID early = Events.recordingCompleted(cast.owner(), "Early");
        UUID hidden = Events.recordingCompleted(cast.owner(), "Hidden");
        cast.owner().api().body(Map.of("recording_id", late.toString(), "sequence_order", 20))
                .post(cast.path() + "/recordings").then().statusCode(201);
        cast.owner().api().body(Map.of("recording_id", early.toString(), "sequence_order", 10))
                .post(cast.path() + "/recordings").then().statusCode(201);
        cast.ta().api().body(Map.of("recording_id", hidden.toString())).post(cast.path() + "/recordings").then()
                .statusCode(201).body("sequence_order", equalTo(21));
        for (UUID r : List.of(late, early)) {
            Events.mediaReady(r);
            cast.owner().api().post(cast.path() + "/recordings/" + r + "/publish").then().statusCode(200);
        }
        cast.student().api().get(cast.path() + "/recordings").then().statusCode(200)
                .body("recordings.title", equalTo(List.of("Early", "Late")));
        cast.viewer().api().get(cast.path() + "/recordings").then().statusCode(200).body("recordings", hasSize(2));
        cast.owner().api().get(cast.path() + "/recordings").then().statusCode(200)
                .body("recordings.title", equalTo(List.of("Early", "Late", "Hidden")));
        problem(cast.outsider().api().get(cast.path() + "/recordings").then(), 403, "forbidden");
    }

    @Test
    void onlyRecordingsOfTheCourseStaffCanBeAttached() {
        Cast cast = Cast.create();
        UUID foreign = Events.recordingCompleted(cast.otherInstructor(), "Not yours");
        problem(cast.owner().api().body(Map.of("recording_id", foreign.toString())).post(cast.path() + "/recordings")
                .then(), 403, "recording-not-yours");
        UUID tas = Events.recordingCompleted(cast.ta(), "TA session");
        cast.instructor().api().body(Map.of("recording_id", tas.toString())).post(cast.path() + "/recordings").then()
                .statusCode(201);
        cast.admin().api().body(Map.of("recording_id", foreign.toString())).post(cast.path() + "/recordings").then()
                .statusCode(201);
    }

    @Test
    void aDeletedRecordingLeavesItsCourses() {
        Cast cast = Cast.create();
        UUID recording = Events.recordingCompleted(cast.owner(), "Soon gone");
        cast.owner().api().body(Map.of("recording_id", recording.toString())).post(cast.path() + "/recordings").then()
                .statusCode(201);
        Events.recordingDeleted(recording, cast.owner());
        await().until(() -> Db.count("select count(r) from CourseRecording r where r.recordingId = ?1", recording) == 0);
        cast.owner().api().get(cast.path() + "/recordings").then().body("total", equalTo(0));
        problem(cast.owner().api().body(Map.of("recording_id", recording.toString())).post(cast.path() + "/recordings")
                .then(), 422, "unknown-recording");
        // a late media event does not bring it back
        Events.send("vtp.media", "vtp.media.ready.v1", UUID.randomUUID().toString(), recording.toString(),
                "{\"recording_id\":\"" + recording + "\",\"job_id\":\"" + UUID.randomUUID() + "\","
                        + "\"master_playlist_path\":\"x\",\"duration_seconds\":1,\"renditions\":[],"
                        + "\"ready_at\":\"2030-01-01T00:00:00Z\"}");
        await().until(() -> Db.count("select count(r) from KnownRecording r where r.id = ?1 and r.mediaReady = true",
                recording) == 1);
        assertEquals("deleted", Db.single("select r.status from KnownRecording r where r.id = ?1", String.class,
                recording));
    }

    @Test
    void aStudentCannotManageLectures() {
        Cast cast = Cast.create();
        UUID recording = Events.recordingCompleted(cast.student(), "Student's own");
        Person student = cast.student();
        problem(student.api().body(Map.of("recording_id", recording.toString())).post(cast.path() + "/recordings")
                .then(), 403, "forbidden");
    }
}
