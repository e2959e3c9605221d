package dev.steward.catalog.model;

import com.google.protobuf.NullValue;
import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.CelKind;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;
import dev.cel.runtime.CelLateFunctionBindings;
import dev.cel.runtime.Program;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A readiness rule: a CEL expression (Google's cel-java, the Common Expression Language of
 * Kubernetes) over {@code entity} (the manifest as a map), {@code facts} (what platform alignment
 * observed) and Steward's functions {@code who(responsibility)}, {@code consumers()} and
 * {@code producers()}. Compiled and type-checked once; the functions are bound per evaluation, since
 * they answer for the entity being evaluated.
 */
public final class RuleExpression {
    private static final MapType OBJECT = MapType.create(SimpleType.STRING, SimpleType.DYN);
    private static final Cel CEL = CelFactory.standardCelBuilder()
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addVar("entity", OBJECT)
            .addVar("facts", OBJECT)
            .addFunctionDeclarations(
                    CelFunctionDecl.newFunctionDeclaration("who",
                            CelOverloadDecl.newGlobalOverload("who_string", SimpleType.STRING, SimpleType.STRING)),
                    CelFunctionDecl.newFunctionDeclaration("consumers",
                            CelOverloadDecl.newGlobalOverload("consumers", ListType.create(OBJECT))),
                    CelFunctionDecl.newFunctionDeclaration("producers",
                            CelOverloadDecl.newGlobalOverload("producers", ListType.create(OBJECT))))
            .build();

    /** What the functions answer for one entity; manifests as {@link #celMap} gives them. */
    public interface Functions {
        String who(String responsibility);

        List<Map<String, Object>> consumers();

        List<Map<String, Object>> producers();
    }

    /** A compiled rule, or the reason it does not compile. */
    public sealed interface Compiled permits Ok, Invalid {
    }

    public record Ok(RuleExpression rule) implements Compiled {
    }

    public record Invalid(String message) implements Compiled {
    }

    private final String text;
    private final Program program;

    private RuleExpression(String text, Program program) {
        this.text = text;
        this.program = program;
    }

    public static Compiled compile(String text) {
        CelValidationResult result = CEL.compile(text);
        if (result.hasError()) return new Invalid(result.getErrorString());
        try {
            CelAbstractSyntaxTree ast = result.getAst();
            CelKind kind = ast.getResultType().kind();
            if (kind != CelKind.BOOL && kind != CelKind.DYN) {
                return new Invalid("the expression returns " + ast.getResultType().name() + ", not a boolean");
            }
            return new Ok(new RuleExpression(text, CEL.createProgram(ast)));
        } catch (CelValidationException | CelEvaluationException e) {
            return new Invalid(e.getMessage());
        }
    }

    public String text() {
        return text;
    }

    /**
     * True or false, or a {@link RuleError} saying why neither (a missing key, a wrong type at run
     * time, a result that is not a boolean).
     */
    public boolean evaluate(Map<String, Object> entity, Map<String, Object> facts, Functions functions) {
        CelLateFunctionBindings bindings = CelLateFunctionBindings.from(
                CelFunctionBinding.from("who_string", String.class, functions::who),
                CelFunctionBinding.from("consumers", List.of(), args -> functions.consumers()),
                CelFunctionBinding.from("producers", List.of(), args -> functions.producers()));
        Object result;
        try {
            result = program.eval(Map.of("entity", entity, "facts", facts), bindings);
        } catch (CelEvaluationException e) {
            throw new RuleError(clean(e.getMessage()), e);
        }
        if (result instanceof Boolean b) return b;
        throw new RuleError("the expression returned " + (result == null ? "null" : result) + ", not true or false", null);
    }

    private static String clean(String message) {
        return message == null ? "evaluation failed" : message.replace("evaluation error at <input>:", "at offset ");
    }

    /** A rule that failed at run time: the check's {@code error}, with CEL's reason. */
    public static final class RuleError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RuleError(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * A YAML or JSON value as CEL reads it: CEL has its own null, so Java nulls become it, and whole
     * numbers are longs. Maps and lists that need no change are returned as they are (no copy).
     */
    public static Object celValue(Object value) {
        if (value == null) return NullValue.NULL_VALUE;
        // CEL's int is a Java long and its double a double: JSON readers hand smaller boxes.
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) return ((Number) value).longValue();
        if (value instanceof Float f) return f.doubleValue();
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = null;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                Object v = celValue(e.getValue());
                if (v != e.getValue() && out == null) {
                    out = new LinkedHashMap<>();
                    for (Map.Entry<?, ?> before : map.entrySet()) {
                        if (before.getKey().equals(e.getKey())) break;
                        out.put(String.valueOf(before.getKey()), before.getValue());
                    }
                }
                if (out != null) out.put(String.valueOf(e.getKey()), v);
            }
            return out == null ? map : out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = null;
            for (int i = 0; i < list.size(); i++) {
                Object v = celValue(list.get(i));
                if (v != list.get(i) && out == null) out = new ArrayList<>(list.subList(0, i));
                if (out != null) out.add(v);
            }
            return out == null ? list : out;
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> celMap(Map<String, Object> document) {
        return (Map<String, Object>) celValue(document);
    }

    @Override
    public String toString() {
        return text;
    }
}
