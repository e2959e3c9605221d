package dev.steward.rca;

import dev.steward.catalog.model.EntityRef;
import java.lang.reflect.Type;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.argument.ArgumentFactory;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.mapper.ColumnMapper;
import org.jdbi.v3.core.mapper.ColumnMapperFactory;

/**
 * How the incident tables store their typed values: as the text they always had (ISO-8601 instants
 * and dates, canonical refs, status labels). Jdbi's own mappings would write instants and dates as
 * SQL timestamps, which SQLite keeps as numbers, unreadable next to the rows already stored; they
 * would also write statuses by enum name where the tables check for labels such as {@code wont-do}.
 */
final class TextColumns {
    private record Codec(Function<Object, String> write, Function<String, Object> read) {
    }

    private static final Map<Type, Codec> CODECS = Map.of(
            Instant.class, new Codec(Object::toString, Instant::parse),
            LocalDate.class, new Codec(Object::toString, LocalDate::parse),
            EntityRef.class, new Codec(Object::toString, EntityRef::parse),
            IncidentStatus.class, new Codec(s -> ((IncidentStatus) s).label(), TextColumns::incidentStatus),
            ActionStatus.class, new Codec(s -> ((ActionStatus) s).label(), ActionStatus::parse));

    private TextColumns() {
    }

    private static IncidentStatus incidentStatus(String label) {
        IncidentStatus status = IncidentStatus.parse(label);
        if (status == null) throw new IllegalStateException("unknown incident status in the store: " + label);
        return status;
    }

    /**
     * Binds the values above as text. Preparable, as Jdbi's own factories are: Jdbi asks those first,
     * so a plain factory would lose {@code @Bind Instant} parameters to its timestamp binding.
     */
    public static final class Arguments implements ArgumentFactory.Preparable {
        @Override
        public Optional<Function<Object, Argument>> prepare(Type type, ConfigRegistry config) {
            Codec codec = CODECS.get(type);
            if (codec == null) return Optional.empty();
            return Optional.of(value -> (position, statement, ctx) -> {
                if (value == null) statement.setNull(position, Types.VARCHAR);
                else statement.setString(position, codec.write().apply(value));
            });
        }

        @Override
        public Collection<? extends Type> prePreparedTypes() {
            return CODECS.keySet();
        }
    }

    /** Maps the text back to the values above. */
    public static final class Columns implements ColumnMapperFactory {
        @Override
        public Optional<ColumnMapper<?>> build(Type type, ConfigRegistry config) {
            Codec codec = CODECS.get(type);
            if (codec == null) return Optional.empty();
            return Optional.of((rs, column, ctx) -> {
                String text = rs.getString(column);
                return text == null ? null : codec.read().apply(text);
            });
        }
    }
}
