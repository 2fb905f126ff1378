package io.matchstream.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** {@link TopicReader} for tests in other packages. */
public final class TopicReaderAccess {
    private TopicReaderAccess() {
    }

    public static List<JsonNode> readAll(String bootstrapServers, String topic, String isolation) {
        return TopicReader.readAll(bootstrapServers, topic, isolation);
    }
}
