package dev.steward.chatops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * The e-mail address of a Slack user, which maps them to a User entity ({@code spec.profile.email}).
 * Slack's slash commands carry only a user id, so the address comes from Slack's {@code users.info}
 * (a bot token with {@code users:read.email}, from {@code STEWARD_SLACK_BOT_TOKEN}).
 */
@FunctionalInterface
public interface SlackDirectory {
    SlackDirectory NONE = userId -> Optional.empty();

    Optional<String> email(String userId);

    /**
     * Slack's users.info with a bot token. Answers are remembered for an hour (an address can change;
     * at most 10,000 people), failures are not.
     */
    static SlackDirectory usersInfo(String botToken) {
        if (botToken == null || botToken.isBlank()) return NONE;
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        ObjectMapper json = new ObjectMapper();
        Cache<String, String> known = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(Duration.ofHours(1))
                .build();
        return userId -> {
            String cached = known.getIfPresent(userId);
            if (cached != null) return Optional.of(cached);
            try {
                HttpRequest request = HttpRequest.newBuilder(URI.create("https://slack.com/api/users.info?user="
                                + URLEncoder.encode(userId, StandardCharsets.UTF_8)))
                        .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + botToken).build();
                JsonNode body = json.readTree(client.send(request, HttpResponse.BodyHandlers.ofString()).body());
                String email = body.path("user").path("profile").path("email").asText(null);
                if (!body.path("ok").asBoolean() || email == null || email.isBlank()) return Optional.empty();
                known.put(userId, email);
                return Optional.of(email);
            } catch (IOException e) {
                return Optional.empty();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        };
    }
}
