package dev.steward.alignment.flink;

import static dev.steward.alignment.flink.JsonValues.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** The requests of one job, as listed by {@code /jobs/overview}. */
final class JobCalls {
    final String id;
    final String name;
    final String state;
    final RestCall config;
    final RestCall checkpointConfig;
    final RestCall checkpoints;
    final RestCall details;
    final List<RestCall> backpressure = new ArrayList<>();

    private JobCalls(String id, String name, String state, RestCall config, RestCall checkpointConfig,
            RestCall checkpoints, RestCall details) {
        this.id = id;
        this.name = name;
        this.state = state;
        this.config = config;
        this.checkpointConfig = checkpointConfig;
        this.checkpoints = checkpoints;
        this.details = details;
    }

    /** Sends the job's requests: its configuration, its checkpointing configuration and statistics, its details. */
    static JobCalls send(RestCalls calls, String id, String name, String state) throws RestFailure {
        String prefix = "/jobs/" + id;
        return new JobCalls(id, name, state, calls.get(prefix + "/config"),
                calls.get(prefix + "/checkpoints/config"), calls.get(prefix + "/checkpoints"),
                calls.get(prefix));
    }

    /** Sends a backpressure request for each vertex of the job's details (none when the job went away). */
    void sendBackpressure(RestCalls calls) throws RestFailure {
        JsonNode answer = details.awaitOrNull();
        if (answer == null) return;
        for (JsonNode vertex : answer.path("vertices")) {
            String vid = text(vertex.get("id"));
            if (vid != null) backpressure.add(calls.get("/jobs/" + id + "/vertices/" + vid + "/backpressure"));
        }
    }
}
