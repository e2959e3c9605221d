package dev.steward.catalog.load.yaml;

import dev.steward.catalog.model.Problem;
import java.io.StringReader;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;

/**
 * Reads manifest files with SnakeYAML's composer only: no object construction, no tags beyond
 * plain YAML values, bounded aliases, depth, size and node count, duplicate keys rejected. Every
 * problem becomes a {@link Problem} with the file and line; nothing here throws for bad input.
 */
public final class SafeYamlReader {
    private final YamlLimits limits;

    public SafeYamlReader(YamlLimits limits) {
        this.limits = limits;
    }

    public YamlLimits limits() {
        return limits;
    }

    public SafeYamlReader() {
        this(YamlLimits.DEFAULT);
    }

    public YamlFile read(String path, byte[] bytes) {
        List<Problem> problems = new ArrayList<>();
        List<YamlDocument> documents = new ArrayList<>();
        if (bytes.length > limits.maxFileBytes()) {
            problems.add(Problem.error(path, 1, tooLarge(bytes.length, limits.maxFileBytes())));
            return new YamlFile(path, documents, problems);
        }
        String text = decodeUtf8(path, bytes, problems);
        if (text == null) {
            return new YamlFile(path, documents, problems);
        }
        Iterator<Node> nodes = newYaml().composeAll(new StringReader(text)).iterator();
        try {
            while (nodes.hasNext()) {
                Node node = nodes.next();
                if (node == null) continue;
                try {
                    YamlDocument document = new Converter().document(node);
                    if (document.root() != null) documents.add(document);
                } catch (BadNode bad) {
                    problems.add(Problem.error(path, bad.line, bad.getMessage()));
                }
            }
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            int line = mark == null ? 1 : mark.getLine() + 1;
            String problem = e.getProblem() == null ? "" : e.getProblem();
            problems.add(Problem.error(path, line, problem.startsWith(GLOBAL_TAG)
                    ? disallowedTagMessage(problem.substring(GLOBAL_TAG.length()).trim())
                    : "YAML syntax error: " + describe(e)));
        } catch (YAMLException e) {
            problems.add(Problem.error(path, 1, "YAML rejected: " + limitMessage(e.getMessage())));
        } catch (StackOverflowError e) {
            problems.add(Problem.error(path, 1, "YAML rejected: nested too deeply"));
        }
        return new YamlFile(path, documents, problems);
    }

    private static final String GLOBAL_TAG = "Global tag is not allowed:";

    static String disallowedTagMessage(String tag) {
        String shown = tag.startsWith(Tag.PREFIX) ? "!!" + tag.substring(Tag.PREFIX.length()) : tag;
        return "tag '" + shown + "' is not allowed; manifests hold plain YAML values only";
    }

    public static String tooLarge(long size, long limit) {
        return "file is " + size + " bytes, over the limit of " + limit + " bytes for one manifest; split it";
    }

    private Yaml newYaml() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(limits.maxAliases());
        options.setAllowRecursiveKeys(false);
        options.setNestingDepthLimit(limits.maxDepth());
        options.setCodePointLimit((int) Math.min(Integer.MAX_VALUE, limits.maxFileBytes()));
        options.setProcessComments(false);
        options.setTagInspector(tag -> false);
        DumperOptions dumper = new DumperOptions();
        return new Yaml(new SafeConstructor(options), new Representer(dumper), dumper, options, new Yaml12CoreResolver());
    }

    private static String describe(MarkedYAMLException e) {
        String problem = e.getProblem() == null ? "" : e.getProblem();
        String context = e.getContext() == null ? "" : e.getContext();
        String text = context.isEmpty() ? problem : context + ": " + problem;
        return text.replaceAll("\\s+", " ").trim();
    }

    private static String limitMessage(String message) {
        if (message == null) return "unreadable YAML";
        if (message.contains("aliases")) {
            return "too many aliases (" + message.trim() + "); alias bombs are refused";
        }
        if (message.contains("Nesting Depth")) {
            return "nested too deeply (" + message.trim() + ")";
        }
        return message.replaceAll("\\s+", " ").trim();
    }

    /** Decodes strict UTF-8; a malformed byte is reported at its line, and the file is skipped. */
    private static String decodeUtf8(String path, byte[] bytes, List<Problem> problems) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) result = decoder.flush(out);
        if (result.isError()) {
            int offset = in.position();
            int line = 1;
            for (int i = 0; i < offset; i++) {
                if (bytes[i] == '\n') line++;
            }
            problems.add(Problem.error(path, line, String.format(
                    "file is not valid UTF-8: byte 0x%02X at offset %d", bytes[offset] & 0xff, offset)));
            return null;
        }
        out.flip();
        String text = out.toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static final class BadNode extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int line;

        BadNode(Node node, String message) {
            super(message, null, false, false);
            this.line = node.getStartMark() == null ? 1 : node.getStartMark().getLine() + 1;
        }
    }

    /** Turns one composed document into plain values, counting nodes so aliases cannot explode. */
    private final class Converter {
        private final Map<String, Integer> lines = new HashMap<>();
        private int nodes;

        YamlDocument document(Node root) {
            int line = root.getStartMark().getLine() + 1;
            Object value = convert(root, "", 0);
            return new YamlDocument(value, new YamlLines(lines, line), line);
        }

        private Object convert(Node node, String path, int depth) {
            if (++nodes > limits.maxNodesPerDocument()) {
                throw new BadNode(node, "document expands to more than " + limits.maxNodesPerDocument()
                        + " values (alias expansion?); refused");
            }
            if (depth > limits.maxDepth()) {
                throw new BadNode(node, "document is nested deeper than " + limits.maxDepth()
                        + " levels (or an alias refers to itself); refused");
            }
            if (node instanceof MappingNode map) return mapping(map, path, depth);
            if (node instanceof SequenceNode seq) return sequence(seq, path, depth);
            return scalar((ScalarNode) node);
        }

        private Map<String, Object> mapping(MappingNode node, String path, int depth) {
            requireTag(node, Tag.MAP);
            Map<String, Object> map = new LinkedHashMap<>();
            Map<String, Integer> keyLines = new HashMap<>();
            for (NodeTuple tuple : node.getValue()) {
                if (!(tuple.getKeyNode() instanceof ScalarNode keyNode)) {
                    throw new BadNode(tuple.getKeyNode(), "a key must be a plain string, not a list or a map");
                }
                scalar(keyNode); // refuses disallowed tags on keys too
                String key = keyNode.getValue().intern();
                int keyLine = keyNode.getStartMark().getLine() + 1;
                Integer first = keyLines.putIfAbsent(key, keyLine);
                if (first != null) {
                    throw new BadNode(keyNode, "duplicate key '" + key + "' (first at line " + first + ")");
                }
                String childPath = path.isEmpty() ? key : path + '.' + key;
                lines.put(childPath, keyLine);
                map.put(key, convert(tuple.getValueNode(), childPath, depth + 1));
            }
            return Collections.unmodifiableMap(map);
        }

        private List<Object> sequence(SequenceNode node, String path, int depth) {
            requireTag(node, Tag.SEQ);
            List<Object> list = new ArrayList<>(node.getValue().size());
            int i = 0;
            for (Node item : node.getValue()) {
                String childPath = path + '[' + i++ + ']';
                lines.put(childPath, item.getStartMark().getLine() + 1);
                list.add(convert(item, childPath, depth + 1));
            }
            return Collections.unmodifiableList(list);
        }

        private Object scalar(ScalarNode node) {
            Tag tag = node.getTag();
            String value = node.getValue();
            if (Tag.STR.equals(tag)) return value.length() <= 64 ? value.intern() : value;
            if (Tag.NULL.equals(tag)) return null;
            if (Tag.BOOL.equals(tag)) return parseBool(node, value);
            if (Tag.INT.equals(tag)) return parseInt(node, value);
            if (Tag.FLOAT.equals(tag)) return parseFloat(node, value);
            throw disallowedTag(node);
        }

        private void requireTag(Node node, Tag expected) {
            if (!expected.equals(node.getTag())) throw disallowedTag(node);
        }

        private BadNode disallowedTag(Node node) {
            return new BadNode(node, disallowedTagMessage(node.getTag().getValue()));
        }

        private Boolean parseBool(ScalarNode node, String value) {
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                default -> throw new BadNode(node, "'" + value + "' is not a boolean");
            };
        }

        private Number parseInt(ScalarNode node, String value) {
            try {
                BigInteger big;
                if (value.startsWith("0o")) big = new BigInteger(value.substring(2), 8);
                else if (value.startsWith("0x")) big = new BigInteger(value.substring(2), 16);
                else big = new BigInteger(value.startsWith("+") ? value.substring(1) : value);
                return big.bitLength() < 64 ? (Number) big.longValue() : big;
            } catch (NumberFormatException e) {
                throw new BadNode(node, "'" + value + "' is not an integer");
            }
        }

        private Double parseFloat(ScalarNode node, String value) {
            String v = value.toLowerCase(Locale.ROOT);
            if (v.endsWith(".inf")) return v.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            if (v.equals(".nan")) return Double.NaN;
            try {
                return Double.valueOf(value);
            } catch (NumberFormatException e) {
                throw new BadNode(node, "'" + value + "' is not a number");
            }
        }
    }
}
