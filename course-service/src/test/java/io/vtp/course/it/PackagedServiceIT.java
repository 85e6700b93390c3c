package io.vtp.course.it;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.vtp.course.support.Courses;
import io.vtp.testsupport.Person;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static io.vtp.testsupport.ProblemAssertions.problem;
import static org.hamcrest.Matchers.equalTo;

/**
 * Black-box: the packaged jar (target/quarkus-app) with its production profile, against the real
 * PostgreSQL and Kafka, verifying tokens against a JWKS as it would auth-service's.
 */
@QuarkusIntegrationTest
class PackagedServiceIT {

    @Test
    void createEnrolAndReadThroughThePackagedService() {
        Person instructor = Person.of("instructor");
        Person student = Person.of("student");
        UUID course = Courses.create(instructor, Map.of("max_students", 10));
        student.api().post("/api/v1/courses/" + course + "/enroll").then().statusCode(201);
        student.api().get("/api/v1/courses/my").then().statusCode(200).body("total", equalTo(1))
                .body("courses[0].role", equalTo("student"));
        instructor.api().get("/api/v1/courses/" + course).then().statusCode(200).body("enrolled_count", equalTo(1));
        problem(instructor.api().body("{\"code\":").post("/api/v1/courses").then(), 400, "malformed-request");
        problem(given().get("/api/v1/courses").then(), 401, "unauthorized");
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200);
    }
}
