package dev.strongroom.cli.compose;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A node of a Compose file with its path ({@code services.web.image}) and place, and typed
 * accessors whose errors name both. Scalar values are interpolated; keys are not.
 */
final class YamlNode {
  private static final Set<String> TRUE = Set.of("true", "yes", "on", "y");
  private static final int MAX_MERGE_DEPTH = 16;
  private static final Set<String> FALSE = Set.of("false", "no", "off", "n");

  private final String file;
  private final String path;
  private final Node key;
  private final Node node;
  private final Interpolation interpolation;

  /** A node; {@code key} is the mapping key it is the value of, or null. */
  YamlNode(String file, String path, Node key, Node node, Interpolation interpolation) {
    this.file = file;
    this.path = path;
    this.key = key;
    this.node = node;
    this.interpolation = interpolation;
  }

  String path() {
    return path;
  }

  /** Where the entry is written: its key's line for a mapping value, else the node's. */
  Location location() {
    return location(key != null ? key : node);
  }

  boolean isNull() {
    return node instanceof ScalarNode && node.getTag().equals(Tag.NULL);
  }

  boolean isScalar() {
    return node instanceof ScalarNode && !isNull();
  }

  boolean isSequence() {
    return node instanceof SequenceNode;
  }

  boolean isMapping() {
    return node instanceof MappingNode;
  }

  /** Whether the scalar was written in quotes (always a string in YAML). */
  boolean isQuoted() {
    return isScalar() && ((ScalarNode) node).getScalarStyle() != DumperOptions.ScalarStyle.PLAIN;
  }

  /** The scalar's text as written (numbers and booleans too), interpolated. */
  String text() {
    if (!isScalar()) {
      throw error("must be a string");
    }
    return interpolation.apply(((ScalarNode) node).getValue(), location());
  }

  boolean bool() {
    String text = isScalar() ? text().toLowerCase(Locale.ROOT) : "";
    if (TRUE.contains(text)) {
      return true;
    }
    if (FALSE.contains(text)) {
      return false;
    }
    throw error("must be true or false");
  }

  int nonNegativeInt() {
    String text = isScalar() ? integerText() : "";
    if (!text.matches("[0-9]{1,9}")) {
      throw error("must be a whole number, 0 or more");
    }
    return Integer.parseInt(text);
  }

  /**
   * The scalar's text, except that a plain YAML 1.1 integer is given in decimal ({@code 0400} is
   * octal, 256), as Compose reads numbers; quoted text is returned as written.
   */
  String integerText() {
    String text = text();
    boolean plain = ((ScalarNode) node).getScalarStyle() == DumperOptions.ScalarStyle.PLAIN;
    if (plain && text.matches("0o[0-7]{1,20}")) {
      // YAML 1.2 octal, which Compose's parser reads as a number too.
      return Long.toString(Long.parseLong(text.substring(2), 8));
    }
    if (!node.getTag().equals(Tag.INT)) {
      return text;
    }
    String digits = text.replace("_", "");
    try {
      if (digits.matches("0[0-7]+")) {
        return Long.toString(Long.parseLong(digits, 8));
      }
      if (digits.matches("0x[0-9a-fA-F]+")) {
        return Long.toString(Long.parseLong(digits.substring(2), 16));
      }
      if (digits.matches("0b[01]+")) {
        return Long.toString(Long.parseLong(digits.substring(2), 2));
      }
    } catch (NumberFormatException e) {
      throw error("is too large");
    }
    return digits;
  }

  /** The elements of a sequence. */
  List<YamlNode> elements() {
    if (!isSequence()) {
      throw error("must be a list");
    }
    List<YamlNode> elements = new ArrayList<>();
    List<Node> values = ((SequenceNode) node).getValue();
    for (int i = 0; i < values.size(); i++) {
      elements.add(new YamlNode(file, path + "[" + i + "]", null, values.get(i), interpolation));
    }
    return elements;
  }

  /**
   * The entries of a mapping by key, in order, with YAML merge keys ({@code <<: *anchor}) applied;
   * a key written twice is an error, as in Compose.
   */
  Map<String, YamlNode> entries() {
    return entries(0);
  }

  private Map<String, YamlNode> entries(int mergeDepth) {
    if (mergeDepth > MAX_MERGE_DEPTH) {
      throw error("nests merge keys (<<) too deeply or in a cycle");
    }
    if (!isMapping()) {
      throw error("must be a mapping");
    }
    Map<String, YamlNode> entries = new LinkedHashMap<>();
    Map<String, YamlNode> merged = new LinkedHashMap<>();
    for (NodeTuple tuple : ((MappingNode) node).getValue()) {
      Node key = tuple.getKeyNode();
      if (key.getTag().equals(Tag.MERGE)) {
        for (YamlNode source : mergeSources(tuple.getValueNode())) {
          source.entries(mergeDepth + 1).forEach(merged::putIfAbsent);
        }
        continue;
      }
      if (!(key instanceof ScalarNode scalarKey)) {
        throw new ComposeException(location(key), path + " has a key that is not a string");
      }
      String name = scalarKey.getValue();
      String childPath = path.isEmpty() ? name : path + "." + name;
      YamlNode child = new YamlNode(file, childPath, key, tuple.getValueNode(), interpolation);
      if (entries.put(name, child) != null) {
        throw new ComposeException(location(key), childPath + " is defined twice");
      }
    }
    merged.forEach(
        (name, value) ->
            entries.computeIfAbsent(
                name,
                k ->
                    new YamlNode(
                        file,
                        path.isEmpty() ? k : path + "." + k,
                        value.key,
                        value.node,
                        interpolation)));
    return entries;
  }

  ComposeException error(String problem) {
    return new ComposeException(location(), path + " " + problem);
  }

  private List<YamlNode> mergeSources(Node value) {
    YamlNode merge = new YamlNode(file, path, null, value, interpolation);
    return merge.isSequence() ? merge.elements() : List.of(merge);
  }

  private Location location(Node other) {
    return new Location(file, other.getStartMark().getLine() + 1);
  }
}
