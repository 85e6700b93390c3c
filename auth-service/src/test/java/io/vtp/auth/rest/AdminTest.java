package io.vtp.auth.rest;

import io.vtp.auth.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static io.vtp.auth.support.Api.PASSWORD;
import static io.vtp.auth.support.Api.bearer;
import static io.vtp.auth.support.Api.clientAddress;
import static io.vtp.auth.support.Api.email;
import static io.vtp.auth.support.Api.json;
import static io.vtp.auth.support.Api.login;
import static io.vtp.auth.support.Api.registerStudent;
import static io.vtp.auth.support.Api.tokens;
import static io.vtp.testsupport.ProblemAssertions.problem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

@QuarkusTest
class AdminTest {

    @Test
    void theBootstrapAdminExists() {
        login("admin@vtp.test", "Admin-Test-Pass-1", clientAddress()).statusCode(200)
                .body("user.role", equalTo("admin"));
    }

    @Test
    void listsAndSearchesUsers() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 3; i++) {
            Api.register(Map.of("email", "list-" + tag + "-" + i + "@example.org", "password", PASSWORD,
                    "full_name", "Listed " + tag, "role", i == 0 ? "instructor" : "student")).statusCode(201);
        }
        String admin = Api.adminToken();
        bearer(admin).queryParam("q", tag).get("/api/v1/auth/users").then().statusCode(200)
                .body("users", hasSize(3)).body("total", equalTo(3)).body("limit", equalTo(20))
                .body("offset", equalTo(0));
        bearer(admin).queryParam("q", tag.toUpperCase()).queryParam("role", "instructor")
                .get("/api/v1/auth/users").then().statusCode(200)
                .body("users", hasSize(1)).body("users[0].role", equalTo("instructor"));
        bearer(admin).queryParam("q", tag).queryParam("limit", 2).queryParam("offset", 2)
                .get("/api/v1/auth/users").then().statusCode(200)
                .body("users", hasSize(1)).body("total", equalTo(3));
        bearer(admin).queryParam("role", "teacher").get("/api/v1/auth/users").then().statusCode(200)
                .body("users.role", everyItem(equalTo("instructor")));
        // LIKE wildcards are literal text, not patterns.
        bearer(admin).queryParam("q", "%").get("/api/v1/auth/users").then().statusCode(200)
                .body("total", equalTo(0));
        bearer(admin).get("/api/v1/auth/users").then().statusCode(200)
                .body("total", greaterThanOrEqualTo(4)).body("users.size()", lessThanOrEqualTo(20));
    }

    @Test
    void rejectsBadQueryParameters() {
        String admin = Api.adminToken();
        problem(bearer(admin).queryParam("limit", 0).get("/api/v1/auth/users").then(), 400, "validation-failed");
        problem(bearer(admin).queryParam("limit", 101).get("/api/v1/auth/users").then(), 400, "validation-failed");
        problem(bearer(admin).queryParam("offset", -1).get("/api/v1/auth/users").then(), 400, "validation-failed");
        problem(bearer(admin).queryParam("role", "wizard").get("/api/v1/auth/users").then(), 400, "validation-failed")
                .body("errors.field", hasItem("role"));
        problem(bearer(admin).queryParam("limit", "ten").get("/api/v1/auth/users").then(), 400, "validation-failed")
                .body("errors.field", hasItem("limit"));
        problem(bearer(admin).queryParam("offset", "99999999999").get("/api/v1/auth/users").then(), 400,
                "validation-failed").body("errors.field", hasItem("offset"));
        problem(bearer(admin).queryParam("q", "a\u0000b").get("/api/v1/auth/users").then(), 400, "validation-failed");
        problem(bearer(admin).queryParam("q", "x".repeat(201)).get("/api/v1/auth/users").then(), 400,
                "validation-failed");
        problem(bearer(admin).get("/api/v1/auth/users/not-a-uuid").then(), 404, "not-found");
        problem(bearer(admin).get("/api/v1/auth/users/" + UUID.randomUUID()).then(), 404, "not-found");
    }

    @Test
    void onlyAdminsManageUsers() {
        String email = email();
        String id = registerStudent(email);
        String student = Api.accessToken(email, PASSWORD);
        problem(bearer(student).get("/api/v1/auth/users").then(), 403, "forbidden");
        problem(bearer(student).get("/api/v1/auth/users/" + id).then(), 403, "forbidden");
        problem(given().get("/api/v1/auth/users/" + id).then(), 401, "unauthorized");
        problem(bearer(student).body(Map.of("role", "admin")).patch("/api/v1/auth/users/" + id).then(),
                403, "forbidden");
        problem(given().get("/api/v1/auth/users").then(), 401, "unauthorized");
        problem(json().body(Map.of("role", "admin")).patch("/api/v1/auth/users/" + id).then(), 401, "unauthorized");
        bearer(student).get("/api/v1/auth/profile").then().body("role", equalTo("student"));
    }

    @Test
    void promotesAUser() {
        String email = email();
        String id = registerStudent(email);
        bearer(Api.adminToken()).body(Map.of("role", "instructor")).patch("/api/v1/auth/users/" + id).then()
                .statusCode(200).body("role", equalTo("instructor")).body("active", equalTo(true));
        login(email, PASSWORD, clientAddress()).statusCode(200).body("user.role", equalTo("instructor"));
    }

    @Test
    void deactivationBlocksLoginAndRefreshAndReactivationRestoresLogin() {
        String email = email();
        String id = registerStudent(email);
        Map<String, Object> session = tokens(email, PASSWORD);
        String admin = Api.adminToken();
        bearer(admin).body(Map.of("active", false)).patch("/api/v1/auth/users/" + id).then()
                .statusCode(200).body("active", equalTo(false));
        problem(login(email, PASSWORD, clientAddress()), 403, "account-disabled");
        problem(json().body(Map.of("refresh_token", session.get("refresh_token"))).post("/api/v1/auth/refresh")
                .then(), 401, "invalid-token");
        problem(bearer((String) session.get("access_token")).get("/api/v1/auth/profile").then(), 401, "invalid-token");
        bearer(admin).body(Map.of("active", true)).patch("/api/v1/auth/users/" + id).then()
                .statusCode(200).body("active", equalTo(true));
        login(email, PASSWORD, clientAddress()).statusCode(200);
    }

    @Test
    void aDemotedAdminsTokenStopsWorkingAtOnce() {
        String email = email();
        String id = registerStudent(email);
        String admin = Api.adminToken();
        bearer(admin).body(Map.of("role", "admin")).patch("/api/v1/auth/users/" + id).then().statusCode(200);
        String secondAdmin = Api.accessToken(email, PASSWORD);
        bearer(secondAdmin).get("/api/v1/auth/users").then().statusCode(200);
        bearer(admin).body(Map.of("role", "student")).patch("/api/v1/auth/users/" + id).then().statusCode(200);
        // The token still says "admin" for up to 15 minutes; the account no longer is one.
        problem(bearer(secondAdmin).get("/api/v1/auth/users").then(), 403, "forbidden");
        problem(bearer(secondAdmin).body(Map.of("role", "admin")).patch("/api/v1/auth/users/" + id).then(),
                403, "forbidden");
    }

    @Test
    void adminsCannotDemoteOrDeactivateThemselves() {
        String admin = Api.adminToken();
        String adminId = bearer(admin).get("/api/v1/auth/profile").then().extract().path("user_id");
        problem(bearer(admin).body(Map.of("role", "student")).patch("/api/v1/auth/users/" + adminId).then(),
                409, "conflict");
        problem(bearer(admin).body(Map.of("active", false)).patch("/api/v1/auth/users/" + adminId).then(),
                409, "conflict");
    }

    @Test
    void validatesUpdates() {
        String id = registerStudent(email());
        String admin = Api.adminToken();
        problem(bearer(admin).body(Map.of("role", "overlord")).patch("/api/v1/auth/users/" + id).then(),
                400, "validation-failed").body("errors.field", hasItem("role"));
        problem(bearer(admin).body(Map.of("active", "no")).patch("/api/v1/auth/users/" + id).then(),
                400, "validation-failed");
        problem(bearer(admin).body(Map.of("password_hash", "x")).patch("/api/v1/auth/users/" + id).then(),
                400, "validation-failed");
        problem(bearer(admin).body(Map.of("role", "student")).patch("/api/v1/auth/users/" + UUID.randomUUID())
                .then(), 404, "not-found");
    }
}
