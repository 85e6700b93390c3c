package io.vtp.local;

import java.util.regex.Pattern;

/**
 * One route pattern of deploy/routes.yaml: literal segments, {@code {name}} for exactly one segment, a
 * trailing {@code /**} for zero or more further segments, and a last segment like {@code transcode**}
 * for that prefix followed by anything (including further segments).
 */
final class PathPattern {

    private final String source;
    private final Pattern regex;

    private PathPattern(String source, Pattern regex) {
        this.source = source;
        this.regex = regex;
    }

    static PathPattern compile(String pattern) {
        if (pattern == null || !pattern.startsWith("/")) {
            throw new IllegalArgumentException("route path must start with '/': " + pattern);
        }
        String[] segments = pattern.substring(1).split("/", -1);
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            boolean last = i == segments.length - 1;
            if (segment.contains("**")) {
                if (!last || !segment.endsWith("**") || segment.indexOf("**") != segment.length() - 2) {
                    throw new IllegalArgumentException("'**' may only end the last segment: " + pattern);
                }
                String prefix = segment.substring(0, segment.length() - 2);
                regex.append(prefix.isEmpty() ? "(/.*)?" : "/" + Pattern.quote(prefix) + ".*");
            } else if (segment.startsWith("{") && segment.endsWith("}") && segment.length() > 2) {
                regex.append("/[^/]+");
            } else if (segment.contains("{") || segment.contains("}") || segment.contains("*")) {
                throw new IllegalArgumentException("unsupported segment '" + segment + "' in " + pattern);
            } else {
                regex.append("/").append(Pattern.quote(segment));
            }
        }
        return new PathPattern(pattern, Pattern.compile(regex.toString()));
    }

    boolean matches(String path) {
        return regex.matcher(path).matches();
    }

    @Override
    public String toString() {
        return source;
    }
}
