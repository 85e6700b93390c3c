package io.vtp.local.cds;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Links the classes named in a JVM's own {@code -Xlog:class+load=info:file=<log>:none} output, without
 * initializing them, so that its dynamic AppCDS archive can hold them. Reflection on a class's
 * constructors (an interface's methods) makes HotSpot link (and verify) it; linking can load further
 * classes, which the log then names too, so the log is read again until it names nothing new. A class
 * that cannot be linked (a missing optional dependency, a closed class loader) is skipped: the archive
 * simply lacks it.
 */
final class LoadedClassLinker {

    private static final int MAX_PASSES = 5;

    private LoadedClassLinker() {
    }

    /** Links what {@code classLog} names through {@code loader}; returns the number of classes linked. */
    static int linkAll(Path classLog, ClassLoader loader) {
        Set<String> seen = new HashSet<>();
        int linked = 0;
        int failed = 0;
        for (int pass = 0; pass < MAX_PASSES; pass++) {
            int before = seen.size();
            for (String line : readLines(classLog)) {
                String name = className(line);
                if (name == null || !seen.add(name)) {
                    continue;
                }
                if (link(name, loader)) {
                    linked++;
                } else {
                    failed++;
                }
            }
            if (seen.size() == before) {
                break;
            }
        }
        System.err.println("vtp-cds: linked " + linked + " loaded classes for the class-data archive"
                + (failed > 0 ? " (" + failed + " could not be linked and stay out of it)" : ""));
        return linked;
    }

    /**
     * The class a log line names, or null for a line that names none, a class the base archive already
     * holds (linked there) or a class no loader can find by name (lambda forms, hidden classes).
     */
    static String className(String line) {
        int space = line.indexOf(' ');
        if (space <= 0 || line.contains("source: shared objects file")) {
            return null;
        }
        String name = line.substring(0, space);
        return name.indexOf('/') >= 0 ? null : name;
    }

    private static boolean link(String name, ClassLoader loader) {
        try {
            Class<?> type = Class.forName(name, false, loader);
            if (type.isInterface()) {
                type.getDeclaredMethods(); // Class skips the VM (and linking) for an interface's constructors
            } else {
                type.getDeclaredConstructors();
            }
            return true;
        } catch (ClassNotFoundException | LinkageError notLinkable) {
            return false;
        }
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return List.of();
        }
    }
}
