package dev.steward.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.steward.catalog.SyncStatus;
import dev.steward.catalog.model.EntityRef;
import dev.steward.readiness.CheckStatus;
import dev.steward.resolve.Status;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.function.Function;

/**
 * The one JSON configuration for answers: refs as canonical strings, statuses as their labels,
 * instants in ISO-8601, nulls left out. The catalog model itself carries no JSON annotations.
 */
public final class Json {
    private Json() {
    }

    public static ObjectMapper mapper() {
        SimpleModule module = new SimpleModule("steward");
        module.addSerializer(EntityRef.class, toStringSerializer());
        module.addDeserializer(EntityRef.class, new JsonDeserializer<>() {
            @Override
            public EntityRef deserialize(JsonParser p,
                                         DeserializationContext c) throws IOException {
                return EntityRef.parse(p.getValueAsString());
            }
        });
        module.addSerializer(Instant.class, toStringSerializer());
        module.addSerializer(LocalDate.class, toStringSerializer());
        module.addSerializer(Status.class, labelled(Status::label));
        module.addSerializer(CheckStatus.class, labelled(CheckStatus::label));
        module.addSerializer(SyncStatus.State.class, labelled(SyncStatus.State::label));
        module.addDeserializer(CheckStatus.class, new JsonDeserializer<>() {
            @Override
            public CheckStatus deserialize(JsonParser p,
                                                                 DeserializationContext c)
                    throws IOException {
                return CheckStatus.parse(p.getValueAsString());
            }
        });
        module.addDeserializer(Instant.class, fromString(Instant::parse));
        module.addDeserializer(LocalDate.class, fromString(LocalDate::parse));
        return new ObjectMapper()
                .registerModule(module)
                .setSerializationInclusion(JsonInclude.Include.NON_NULL)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** Indented JSON, as the CLI prints it. */
    public static String pretty(Object value) {
        try {
            return PRETTY.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON for " + value.getClass().getSimpleName(), e);
        }
    }

    private static final ObjectWriter PRETTY = mapper().writerWithDefaultPrettyPrinter();

    private static <T> JsonDeserializer<T> fromString(
            Function<String, T> parse) {
        return new JsonDeserializer<>() {
            @Override
            public T deserialize(JsonParser p,
                                 DeserializationContext c) throws IOException {
                return parse.apply(p.getValueAsString());
            }
        };
    }

    /** Typed states written as their labels ({@code head-invalid}, {@code not-applicable}). */
    private static <T> JsonSerializer<T> labelled(Function<T, String> label) {
        return new JsonSerializer<>() {
            @Override
            public void serialize(T value, JsonGenerator gen, SerializerProvider p) throws IOException {
                gen.writeString(label.apply(value));
            }
        };
    }

    private static <T> JsonSerializer<T> toStringSerializer() {
        return new JsonSerializer<>() {
            @Override
            public void serialize(T value, JsonGenerator gen, SerializerProvider p) throws IOException {
                gen.writeString(value.toString());
            }
        };
    }
}
