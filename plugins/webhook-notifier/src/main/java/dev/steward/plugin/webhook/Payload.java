package dev.steward.plugin.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steward.plugin.Event;
import java.lang.reflect.Array;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The JSON body of a delivery and its signature. */
final class Payload {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Payload() {
    }

    /** {@code {"type", "at", "data", "id"}} as UTF-8 JSON; {@code at} in ISO-8601. */
    static byte[] body(Event event, String id) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", event.type());
        body.put("at", event.at() == null ? null : event.at().toString());
        body.put("data", event.data() == null ? Map.of() : plain(event.data()));
        body.put("id", id);
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write event " + event.type() + " as JSON", e);
        }
    }

    /** {@code sha256=} and the lowercase hex HMAC-SHA256 of the body under the secret (GitHub's convention). */
    static String signature(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /**
     * The value as strings, numbers, booleans, lists and maps. Event data is meant to be JSON-ready;
     * anything else (an Instant, a Path) is written as its string rather than failing the delivery.
     */
    private static Object plain(Object value) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), plain(v)));
            return out;
        }
        if (value instanceof Collection<?> collection) {
            List<Object> out = new ArrayList<>(collection.size());
            collection.forEach(v -> out.add(plain(v)));
            return out;
        }
        if (value.getClass().isArray()) {
            int length = Array.getLength(value);
            List<Object> out = new ArrayList<>(length);
            for (int i = 0; i < length; i++) {
                out.add(plain(Array.get(value, i)));
            }
            return out;
        }
        return value.toString();
    }
}
