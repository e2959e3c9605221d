package dev.steward.alignment.sources;

import dev.steward.alignment.PlatformSettings;
import dev.steward.alignment.PlatformSource;
import dev.steward.alignment.flink.FlinkSource;
import dev.steward.alignment.iceberg.IcebergSource;
import dev.steward.alignment.kafka.KafkaSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Connects the configured sources. A source's credentials come from the environment: with
 * {@code credentials: KAFKA_PROD}, every variable {@code KAFKA_PROD_<NAME>} becomes the client
 * setting {@code <name>} in lowercase with dots ({@code KAFKA_PROD_SASL_JAAS_CONFIG} is
 * {@code sasl.jaas.config}).
 */
public final class Sources {
    private Sources() {
    }

    /** One connection per configured source; kinds this build cannot read yet are refused by name. */
    public static List<PlatformSource> connect(PlatformSettings settings, Map<String, String> environment) {
        List<PlatformSource> out = new ArrayList<>();
        for (PlatformSettings.Source s : settings.sources()) {
            Map<String, String> secrets = credentials(s.get("credentials"), environment);
            out.add(switch (s.kind()) {
                case "kafka" -> new KafkaSource(s.cluster(), s.get("bootstrapServers"), secrets);
                case "iceberg-jdbc" -> IcebergSource.jdbc(s.get("uri"), s.get("warehouse"), with(secrets, s, "catalogName",
                        "catalog-name"));
                case "iceberg-rest" -> IcebergSource.rest(s.get("uri"), s.get("warehouse"), secrets);
                case "flink" -> new FlinkSource(s.cluster(), s.get("restUrl"), secrets);
                default -> throw new IllegalArgumentException("steward.yaml:" + s.line() + ": source kind '" + s.kind()
                        + "' cannot be read by this build yet");
            });
        }
        return out;
    }

    /** The secrets plus one file setting, under the client's own name for it. */
    private static Map<String, String> with(Map<String, String> secrets, PlatformSettings.Source s, String setting,
                                            String property) {
        Map<String, String> out = new LinkedHashMap<>(secrets);
        if (s.get(setting) != null) out.put(property, s.get(setting));
        return out;
    }

    static Map<String, String> credentials(String prefix, Map<String, String> environment) {
        Map<String, String> out = new LinkedHashMap<>();
        if (prefix == null || prefix.isBlank()) return out;
        String p = prefix.toUpperCase(Locale.ROOT) + "_";
        environment.forEach((k, v) -> {
            if (k.startsWith(p) && k.length() > p.length()) {
                out.put(k.substring(p.length()).toLowerCase(Locale.ROOT).replace('_', '.'), v);
            }
        });
        return out;
    }
}
