package io.vtp.kit.http;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/**
 * {@link ClientAddresses} on a live request: the test client connects from 127.0.0.1, which the
 * kit trusts by default (a proxy on the same host), so X-Forwarded-For is read right to left.
 */
@QuarkusTest
class ClientAddressesEndpointTest {

    @Test
    void aTrustedPeerIsSeenThrough() {
        given().get("/kit-test/client-address").then().statusCode(200).body("client", equalTo("127.0.0.1"));
        given().header("X-Forwarded-For", "198.51.100.7").get("/kit-test/client-address")
                .then().statusCode(200).body("client", equalTo("198.51.100.7"));
        // the leftmost entry is whatever the client claimed: the proxy's own entry (rightmost) wins
        given().header("X-Forwarded-For", "6.6.6.6, 198.51.100.7").get("/kit-test/client-address")
                .then().statusCode(200).body("client", equalTo("198.51.100.7"));
        given().header("X-Forwarded-For", "6.6.6.6, 198.51.100.7, 127.0.0.1").get("/kit-test/client-address")
                .then().statusCode(200).body("client", equalTo("198.51.100.7"));
    }
}
