package io.vtp.signalling.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;


/** A client of the plain JSON socket ({@code /ws/signalling}) on Java's own WebSocket client. */
public final class JsonSocket implements WebSocket.Listener, AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private final StringBuilder partial = new StringBuilder();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private WebSocket socket;

    /** Connects with the token as a {@code token} query parameter. */
    public static JsonSocket connect(URI service, String token) {
        return open(URI.create(service.toString().replaceFirst("^http", "ws") + "ws/signalling?token=" + token));
    }

    public static JsonSocket open(URI uri) {
        JsonSocket client = new JsonSocket();
        try {
            client.socket = HTTP.newWebSocketBuilder().buildAsync(uri, client).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not open " + uri, e);
        }
        return client;
    }

    public JsonSocket send(String type, String json) {
        ObjectNode message;
        try {
            message = (ObjectNode) JSON.readTree(json == null ? "{}" : json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
        message.put("type", type);
        return sendRaw(message.toString());
    }

    public JsonSocket sendRaw(String text) {
        socket.sendText(text, true).join();
        return this;
    }

    /** Joins {@code room} and returns the acknowledgement (which must be a success). */
    public JsonNode join(java.util.UUID room) {
        String requestId = java.util.UUID.randomUUID().toString();
        send("join-room", "{\"room_id\":\"" + room + "\",\"request_id\":\"" + requestId + "\"}");
        JsonNode ack = await("ack", m -> requestId.equals(m.path("request_id").asText()));
        if (!ack.path("success").asBoolean()) {
            throw new AssertionError("join failed: " + ack);
        }
        return ack;
    }

    /** The first message (in arrival order) of {@code type} matching {@code condition}, waiting up to 10 s. */
    public JsonNode await(String type, Predicate<JsonNode> condition) {
        JsonNode[] found = new JsonNode[1];
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
            for (JsonNode message : received) {
                if (type.equals(message.path("type").asText()) && condition.test(message)) {
                    found[0] = message;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    public JsonNode await(String type) {
        return await(type, m -> true);
    }

    /** Waits for the error with {@code code}. */
    public JsonNode awaitError(String code) {
        return await("error", m -> code.equals(m.path("code").asText()));
    }

    public List<JsonNode> all(String type) {
        List<JsonNode> matching = new ArrayList<>();
        received.stream().filter(m -> type.equals(m.path("type").asText())).forEach(matching::add);
        return matching;
    }

    public void forget() {
        received.clear();
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    public void awaitClosed() {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(closed::isDone);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            try {
                received.add(JSON.readTree(partial.toString()));
            } catch (Exception e) {
                throw new IllegalStateException("not JSON: " + partial, e);
            }
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.complete(-1);
    }

    @Override
    public void close() {
        if (!closed.isDone()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
    }
}
