package io.matchstream.local.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness itself: separate JVMs form one cluster, and a killed TaskManager is noticed. */
@Tag("cluster")
class FlinkProcessClusterIT {

    @TempDir
    static Path work;
    private static FlinkProcessCluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = new FlinkProcessCluster(work, ClusterClasspath.read(), System.getProperty("java17.opens", ""));
        cluster.start(2, Duration.ofMinutes(3));
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void separateTaskManagerProcessesOfferTheirSlotsAndALostOneIsNoticed() throws Exception {
        int slots = FlinkProcessCluster.SLOTS_PER_TASK_MANAGER;
        assertThat(cluster.get("/overview").orElseThrow().path("slots-total").asInt()).isEqualTo(2 * slots);

        cluster.killTaskManager(1);

        FlinkProcessCluster.awaitTrue("the JobManager drops the killed TaskManager", Duration.ofSeconds(60),
                () -> cluster.get("/overview").map(o -> o.path("slots-total").asInt()).orElse(-1) == slots);
    }
}
