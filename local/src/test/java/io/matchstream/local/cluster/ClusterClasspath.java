package io.matchstream.local.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The Flink runtime classpath Maven resolved for the cluster processes (profile {@code cluster}). */
final class ClusterClasspath {
    private ClusterClasspath() {
    }

    static String read() throws IOException {
        String file = System.getProperty("flink.cluster.classpath");
        if (file == null || !Files.isRegularFile(Path.of(file))) {
            throw new IllegalStateException("run with -Pcluster: the Flink classpath file is missing (" + file + ")");
        }
        return Files.readString(Path.of(file)).trim();
    }
}
