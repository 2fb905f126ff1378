package io.matchstream.local;

import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.Awaitility;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A real websocket client speaking the gateway protocol the way the dashboards do. */
final class DashboardSocket implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<JsonNode> frames = new CopyOnWriteArrayList<>();
    private final WebSocket socket;

    DashboardSocket(int port, String token) throws Exception {
        socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .subprotocols("matchstream.v1", "bearer." + token)
                .header("Origin", "http://127.0.0.1:" + port)
                .connectTimeout(Duration.ofSeconds(10))
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws"), new Collector())
                .get(15, TimeUnit.SECONDS);
    }

    void subscribe(String channel) {
        socket.sendText("{\"op\":\"subscribe\",\"channel\":\"" + channel + "\"}", true).join();
    }

    /** Waits for a frame matching {@code wanted}; fails naming {@code what} at the deadline. */
    JsonNode await(String what, Duration timeout, Predicate<JsonNode> wanted) {
        try {
            return Awaitility.await().pollInSameThread().atMost(timeout).pollInterval(Duration.ofMillis(100))
                    .until(() -> frames.stream().filter(wanted).findFirst().orElse(null), f -> f != null);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("no " + what + " within " + timeout + "; got " + frames.size() + " frames, last: "
                    + (frames.isEmpty() ? "none" : frames.get(frames.size() - 1)));
        }
    }

    /** A match: a delta on a matches channel, or a non-empty snapshot of one. */
    static boolean isMatch(JsonNode frame) {
        return frame.path("channel").asText().endsWith(":matches")
                && (frame.path("type").asText().equals("delta") && frame.path("data").has("matchId")
                    || frame.path("type").asText().equals("snapshot") && frame.path("data").size() > 0);
    }

    /** City figures: a stats delta, or a stats snapshot that is not null. */
    static boolean isCityStats(JsonNode frame) {
        return frame.path("channel").asText().endsWith(":stats")
                && frame.path("data").has("cityId");
    }

    /** The national shortage ranking with at least one occupation, alone or in a batch of frames. */
    static boolean isNationalRanking(JsonNode frame) {
        if (frame.isArray()) {
            for (JsonNode f : frame) {
                if (isNationalRanking(f)) return true;
            }
            return false;
        }
        return frame.path("channel").asText().equals("national:ranking")
                && frame.path("data").path("entries").size() > 0;
    }

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join();
        socket.abort();
    }

    private final class Collector implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    frames.add(JSON.readTree(partial.toString()));
                } catch (Exception e) {
                    throw new AssertionError("the gateway sent a frame that is not JSON: " + partial, e);
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }
    }
}
