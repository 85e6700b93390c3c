package io.vtp.kit.testapp;

import io.restassured.RestAssured;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Real HTTP with java.net.http, for what RestAssured cannot send (chunked bodies) and raw sockets. */
public final class Http {

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private Http() {
    }

    public static URI uri(String path) {
        return URI.create("http://localhost:" + port() + path);
    }

    public static int port() {
        return RestAssured.port;
    }

    /** POSTs {@code body} without Content-Length (Transfer-Encoding: chunked). */
    public static HttpResponse<String> postChunked(String path, String contentType, byte[] body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri(path))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", contentType)
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build();
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** POSTs {@code body} with its Content-Length. */
    public static HttpResponse<String> post(String path, String contentType, byte[] body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri(path))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", contentType)
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Writes {@code raw} on a fresh connection and returns what the server answers until it closes or times out. */
    public static String raw(String raw, boolean closeAfterWriting) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port()), 5000);
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(raw.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            if (closeAfterWriting) {
                return "";
            }
            InputStream in = socket.getInputStream();
            StringBuilder answer = new StringBuilder();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    answer.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                    if (answer.indexOf("\r\n\r\n") >= 0 && complete(answer.toString())) {
                        break;
                    }
                }
            } catch (java.net.SocketTimeoutException e) {
                // return what arrived
            }
            return answer.toString();
        }
    }

    private static boolean complete(String response) {
        int headerEnd = response.indexOf("\r\n\r\n");
        String headers = response.substring(0, headerEnd).toLowerCase();
        int at = headers.indexOf("content-length:");
        if (at < 0) {
            return false;
        }
        int end = headers.indexOf("\r\n", at);
        long length = Long.parseLong(headers.substring(at + 15, end < 0 ? headers.length() : end).trim());
        return response.getBytes(StandardCharsets.UTF_8).length - headerEnd - 4 >= length;
    }
}
