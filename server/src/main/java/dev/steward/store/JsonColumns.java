package dev.steward.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steward.json.Json;
import java.lang.reflect.Type;
import java.sql.Types;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.argument.QualifiedArgumentFactory;
import org.jdbi.v3.core.mapper.ColumnMapper;
import org.jdbi.v3.core.mapper.QualifiedColumnMapperFactory;
import org.jdbi.v3.core.spi.JdbiPlugin;

/**
 * Binds and maps {@link JsonColumn} values as JSON text through Jackson, so no DAO or service writes
 * JSON by hand. Text columns on both dialects: the same rows read the same on SQLite and PostgreSQL.
 */
public final class JsonColumns implements JdbiPlugin {
    private final ObjectMapper mapper = Json.mapper();

    @Override
    public void customizeJdbi(Jdbi jdbi) {
        jdbi.registerArgument((QualifiedArgumentFactory) (type, value, config) ->
                type.hasQualifier(JsonColumn.class) ? Optional.of(argument(value)) : Optional.empty());
        jdbi.registerColumnMapper((QualifiedColumnMapperFactory) (type, config) ->
                type.hasQualifier(JsonColumn.class) ? Optional.of(mapper(type.getType())) : Optional.empty());
    }

    private Argument argument(Object value) {
        return (position, statement, ctx) -> {
            if (value == null) {
                statement.setNull(position, Types.VARCHAR);
                return;
            }
            try {
                statement.setString(position, mapper.writeValueAsString(value));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
            }
        };
    }

    private ColumnMapper<Object> mapper(Type type) {
        return (rs, column, ctx) -> {
            String text = rs.getString(column);
            if (text == null) return null;
            try {
                return mapper.readValue(text, mapper.constructType(type));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("corrupt JSON in column " + rs.getMetaData().getColumnName(column)
                        + ": " + text, e);
            }
        };
    }
}
