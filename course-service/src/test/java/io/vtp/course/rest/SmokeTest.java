package io.vtp.course.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.vtp.course.support.Cast;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class SmokeTest {
    @Test
    void castCanBeBuilt() {
        Cast cast = Cast.create();
        cast.owner().api().get(cast.path()).then().statusCode(200).body("enrolled_count", equalTo(1))
                .body("my_role", equalTo("owner"));
    }
}
