package io.vtp.kit.problem;

/**
 * Problems for statuses the HTTP layer decides (no route, wrong method, media types, size): the
 * kit's kind where it declares one, {@code about:blank} with the reason phrase otherwise.
 */
public final class HttpProblems {

    private HttpProblems() {
    }

    public static Problem forStatus(int status, String path) {
        return switch (status) {
            case 400 -> Problem.of(CommonProblem.MALFORMED_REQUEST, "the request could not be processed", path);
            case 401 -> Problem.of(CommonProblem.UNAUTHORIZED, "a valid bearer access token is required", path);
            case 403 -> Problem.of(CommonProblem.FORBIDDEN, "your role does not allow this", path);
            case 404 -> Problem.of(CommonProblem.NOT_FOUND, "no resource at " + path, path);
            case 405 -> Problem.of(CommonProblem.METHOD_NOT_ALLOWED, "this method is not allowed on " + path, path);
            case 406 -> Problem.of(CommonProblem.NOT_ACCEPTABLE,
                    "this resource cannot answer in a media type the Accept header allows", path);
            case 413 -> Problem.of(CommonProblem.PAYLOAD_TOO_LARGE, "the request body is too large", path);
            case 415 -> Problem.of(CommonProblem.UNSUPPORTED_MEDIA_TYPE,
                    "this resource does not accept the request's Content-Type", path);
            case 429 -> Problem.of(CommonProblem.TOO_MANY_REQUESTS, "too many requests; slow down", path);
            case 503 -> Problem.of(CommonProblem.UNAVAILABLE, "the service is temporarily unavailable", path);
            default -> Problem.ofStatus(status, "the request could not be processed", path);
        };
    }
}
