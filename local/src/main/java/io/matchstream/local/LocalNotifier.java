package io.matchstream.local;

import io.matchstream.notifier.Notifier;
import io.matchstream.notifier.config.NotifierConfig;
import java.util.HashMap;
import java.util.Map;

/**
 * The notifier in the all-in-one: on the embedded broker, linking the local dashboards, with
 * receivers from {@code --notifier key=value} options or {@code MATCHSTREAM_*} variables (secrets
 * from the environment only). Without receivers it does not run.
 */
final class LocalNotifier {
    private LocalNotifier() {
    }

    /** Starts the notifier, or returns null when no receivers are configured. */
    static Notifier start(Map<String, String> options, Map<String, String> environment, String bootstrapServers,
            int dashboardPort) throws Exception {
        Map<String, String> o = new HashMap<>(options);
        o.put("kafka.bootstrap-servers", bootstrapServers);
        o.putIfAbsent("external-url", "http://127.0.0.1:" + dashboardPort + "/");
        // A fixed port would collide with a second local run or another service; ask for one.
        if (!o.containsKey("metrics.port") && environment.get(NotifierConfig.envName("metrics.port")) == null) {
            o.put("metrics.port", "0");
        }
        NotifierConfig config = NotifierConfig.from(o, environment);
        return config.receivers().isEmpty() ? null : Notifier.start(config);
    }
}
