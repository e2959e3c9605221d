package dev.steward.plugin.webhook;

import dev.steward.plugin.PluginContext;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The notifier's settings, read once from the {@link PluginContext}.
 *
 * @param url where events are POSTed
 * @param secret the HMAC-SHA256 key, or null to send unsigned
 * @param retries how many times a failed delivery is retried after the first attempt
 * @param backoff the wait before the first retry; it doubles with each further one
 * @param timeout the connect and request timeout of one attempt
 * @param events the event types to send; empty for all
 */
record WebhookSettings(URI url, String secret, int retries, Duration backoff, Duration timeout, Set<String> events) {

    static final int DEFAULT_RETRIES = 5;
    static final long DEFAULT_BACKOFF_MILLIS = 500;
    static final long DEFAULT_TIMEOUT_MILLIS = 5000;

    /** The settings, or empty when no {@code url} is set. */
    static Optional<WebhookSettings> from(PluginContext context) {
        Optional<String> url = setting(context, "url");
        if (url.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new WebhookSettings(
                url(url.get()),
                setting(context, "secret").orElse(null),
                (int) number(context, "retries", DEFAULT_RETRIES, 0, 100),
                Duration.ofMillis(number(context, "backoff-millis", DEFAULT_BACKOFF_MILLIS, 0, 3_600_000)),
                Duration.ofMillis(number(context, "timeout-millis", DEFAULT_TIMEOUT_MILLIS, 1, 3_600_000)),
                setting(context, "events").map(WebhookSettings::list).orElse(Set.of())));
    }

    /** True when events of this type are sent. */
    boolean sends(String type) {
        return events.isEmpty() || events.contains(type);
    }

    private static Optional<String> setting(PluginContext context, String key) {
        return context.setting(key).map(String::trim).filter(value -> !value.isEmpty());
    }

    private static URI url(String value) {
        URI uri;
        try {
            uri = URI.create(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("webhook-notifier setting 'url' is not a URL: " + value, e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if ((!scheme.equals("http") && !scheme.equals("https")) || uri.getHost() == null) {
            throw new IllegalArgumentException(
                    "webhook-notifier setting 'url' must be an absolute http or https URL: " + value);
        }
        return uri;
    }

    private static long number(PluginContext context, String key, long fallback, long min, long max) {
        Optional<String> value = setting(context, key);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            long number = Long.parseLong(value.get());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("webhook-notifier setting '" + key + "' must be a whole number from "
                + min + " to " + max + ", not '" + value.get() + "'");
    }

    private static Set<String> list(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }
}
