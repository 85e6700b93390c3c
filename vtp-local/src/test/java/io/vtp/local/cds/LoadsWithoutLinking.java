package io.vtp.local.cds;

import java.net.URL;
import java.net.URLClassLoader;

/**
 * A program for {@link LinkingMainTest} shaped like a Quarkus fast-jar: its own class loader (JDK 17
 * links the classes of the built-in loaders at dump time, not those of a custom loader) loads a
 * class and an interface without ever linking them, and is the main thread's context loader.
 */
public final class LoadsWithoutLinking {

    /** Loaded, never used. */
    static final class OnlyLoaded {
    }

    /** Loaded, never used. */
    interface OnlyLoadedInterface {
    }

    private LoadsWithoutLinking() {
    }

    public static void main(String[] args) throws Exception {
        URL jar = LoadsWithoutLinking.class.getProtectionDomain().getCodeSource().getLocation();
        URLClassLoader loader = new URLClassLoader(new URL[] {jar}, ClassLoader.getPlatformClassLoader());
        Thread.currentThread().setContextClassLoader(loader);
        Class<?> loaded = Class.forName(OnlyLoaded.class.getName(), false, loader);
        Class.forName(OnlyLoadedInterface.class.getName(), false, loader);
        System.out.println("loaded " + args.length + " by its own loader: " + (loaded.getClassLoader() == loader));
    }
}
