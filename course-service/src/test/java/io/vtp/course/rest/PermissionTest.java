package io.vtp.course.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.vtp.course.support.Cast;
import io.vtp.course.support.Events;
import io.vtp.testsupport.Person;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.vtp.testsupport.ProblemAssertions.problem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/** Course roles and the capability table, and the rule that a course keeps an owner. */
@QuarkusTest
class PermissionTest {

    @Test
    void rolesAreUpsertedAndEachComesWithItsCapabilities() {
        Cast cast = Cast.create();
        Person helper = Person.of("student");
        Events.registered(helper);
        String path = cast.path() + "/permissions";
        cast.owner().api().body(Map.of("user_id", helper.id().toString(), "role", "ta")).post(path).then()
                .statusCode(200).body("role", equalTo("ta"))
                .body("capabilities", equalTo(List.of("course:view", "enrollments:view", "enrollments:manage",
                        "recordings:view_published", "recordings:view_all", "recordings:manage", "stats:view")));
        cast.owner().api().body(Map.of("user_id", helper.id().toString(), "role", "instructor")).post(path).then()
                .statusCode(200).body("role", equalTo("instructor"))
                .body("capabilities", hasItem("recordings:publish"))
                .body("capabilities", not(hasItem("permissions:manage")));
        helper.api().get(path + "/" + helper.id()).then().statusCode(200).body("role", equalTo("instructor"));
        cast.ta().api().get(path + "/" + helper.id()).then().statusCode(200).body("role", equalTo("instructor"));
        cast.owner().api().get(path + "/" + cast.outsider().id()).then().statusCode(200).body("role", nullValue())
                .body("capabilities", equalTo(List.of()));
        cast.owner().api().get(path + "/" + cast.admin().id()).then().statusCode(200).body("role", nullValue())
                .body("capabilities", hasItem("course:delete"));
    }

    @Test
    void movingBetweenStudentAndStaffTakesAndFreesASeat() {
        Cast cast = Cast.create();
        String path = cast.path() + "/permissions";
        cast.owner().api().body(Map.of("user_id", cast.student().id().toString(), "role", "ta")).post(path).then()
                .statusCode(200);
        cast.owner().api().get(cast.path()).then().body("enrolled_count", equalTo(0));
        cast.owner().api().body(Map.of("user_id", cast.student().id().toString(), "role", "student")).post(path)
                .then().statusCode(200).body("capabilities", equalTo(List.of("course:view",
                        "recordings:view_published")));
        cast.owner().api().get(cast.path()).then().body("enrolled_count", equalTo(1));
        cast.owner().api().delete(path + "/" + cast.student().id()).then().statusCode(204);
        cast.owner().api().get(cast.path()).then().body("enrolled_count", equalTo(0));
        problem(cast.owner().api().delete(path + "/" + cast.student().id()).then(), 404, "not-found");
    }

    @Test
    void theLastOwnerCannotBeRemovedOrDemoted() {
        Cast cast = Cast.create();
        String path = cast.path() + "/permissions";
        problem(cast.owner().api().body(Map.of("user_id", cast.owner().id().toString(), "role", "instructor"))
                .post(path).then(), 409, "last-owner");
        problem(cast.admin().api().delete(path + "/" + cast.owner().id()).then(), 409, "last-owner");
        cast.owner().api().body(Map.of("user_id", cast.instructor().id().toString(), "role", "owner")).post(path).then()
                .statusCode(200);
        cast.instructor().api().body(Map.of("user_id", cast.owner().id().toString(), "role", "instructor")).post(path)
                .then().statusCode(200);
        // the primary owner moved to the remaining owner
        cast.instructor().api().get(cast.path()).then().body("owner_id", equalTo(cast.instructor().id().toString()))
                .body("my_role", equalTo("owner"));
        problem(cast.owner().api().body(Map.of("user_id", cast.ta().id().toString(), "role", "viewer")).post(path)
                .then(), 403, "forbidden");
    }

    @Test
    void onlyKnownActiveUsersGetRoles() {
        Cast cast = Cast.create();
        problem(cast.owner().api().body(Map.of("user_id", Person.of("student").id().toString(), "role", "ta"))
                .post(cast.path() + "/permissions").then(), 422, "unknown-user");
        problem(cast.owner().api().body(Map.of("user_id", cast.outsider().id().toString(), "role", "dean"))
                .post(cast.path() + "/permissions").then(), 400, "validation-failed");
    }
}
