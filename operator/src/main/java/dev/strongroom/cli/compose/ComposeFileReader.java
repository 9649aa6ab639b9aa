package dev.strongroom.cli.compose;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads one Compose file into its YAML node tree (SnakeYAML, YAML 1.1 as Compose reads {@code
 * 0400}), keeping lines for messages.
 */
final class ComposeFileReader {
  private final Interpolation interpolation;

  ComposeFileReader(Interpolation interpolation) {
    this.interpolation = interpolation;
  }

  /** The file's top-level mapping. */
  YamlNode read(ComposeSource source) {
    String displayName = source.displayName();
    Node root;
    try (Reader reader = open(source)) {
      root = yaml().compose(reader);
    } catch (NoSuchFileException e) {
      throw new ComposeException(displayName, "no such file");
    } catch (CharacterCodingException e) {
      throw new ComposeException(displayName, "not UTF-8 text");
    } catch (IOException e) {
      throw new ComposeException(displayName, "cannot read: " + e.getMessage());
    } catch (MarkedYAMLException e) {
      // Context and problem only: the snippet SnakeYAML adds could show a value.
      String problem =
          e.getContext() == null ? e.getProblem() : e.getContext() + ", " + e.getProblem();
      throw new ComposeException(at(displayName, e), "invalid YAML: " + problem);
    } catch (YAMLException e) {
      if (e.getCause() instanceof CharacterCodingException) {
        throw new ComposeException(displayName, "not UTF-8 text");
      }
      throw new ComposeException(displayName, "invalid YAML: " + e.getMessage());
    }
    if (root == null) {
      throw new ComposeException(displayName, "the file is empty: a Compose file is a mapping");
    }
    YamlNode node = new YamlNode(displayName, "", null, root, interpolation);
    if (!node.isMapping()) {
      throw new ComposeException(node.location(), "the top level must be a mapping");
    }
    return node;
  }

  private static Reader open(ComposeSource source) throws IOException {
    return source.text() != null
        ? new StringReader(source.text())
        : Files.newBufferedReader(source.path(), StandardCharsets.UTF_8);
  }

  private static Yaml yaml() {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setMaxAliasesForCollections(100);
    return new Yaml(options);
  }

  private static Location at(String file, MarkedYAMLException e) {
    Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
    return new Location(file, mark == null ? 1 : mark.getLine() + 1);
  }
}
