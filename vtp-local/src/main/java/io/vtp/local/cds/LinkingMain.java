package io.vtp.local.cds;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The main class of every service JVM that local mode starts: {@code LinkingMain <main class> [args]}
 * runs the service's own main class with the remaining arguments. On a start that records the
 * service's AppCDS archive ({@code -Dvtp.cds.class-log=<file>} names the JVM's class-loading log), it
 * also links every class the JVM loaded before the archive is written at exit.
 *
 * <p>Why: on JDK 17 a dynamic archive leaves out every class that was loaded but never linked
 * ("Skipping ...: Not linked" in {@code -Xlog:cds}), and such a class is read from its jar again at
 * every start. In auth-service that was 2,827 of the 16,600 classes a start loads (Hibernate's,
 * Jackson's, the Kafka client's). Dependency-free, so that it can sit on any service's class path.
 */
public final class LinkingMain {

    /** System property naming the {@code -Xlog:class+load} file of a recording start. */
    public static final String CLASS_LOG = "vtp.cds.class-log";

    private LinkingMain() {
    }

    public static void main(String[] args) throws Throwable {
        if (args.length == 0) {
            System.err.println("usage: java -cp <class path> " + LinkingMain.class.getName() + " <main class> [args]");
            System.exit(2);
        }
        String classLog = System.getProperty(CLASS_LOG);
        if (classLog != null && !classLog.isBlank()) {
            // The service's class loader is the main thread's context loader once its main method runs.
            Thread mainThread = Thread.currentThread();
            Runtime.getRuntime().addShutdownHook(new Thread(
                    () -> LoadedClassLinker.linkAll(Path.of(classLog), mainThread.getContextClassLoader()),
                    "vtp-cds-link"));
        }
        Method main = Class.forName(args[0]).getMethod("main", String[].class);
        try {
            main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
