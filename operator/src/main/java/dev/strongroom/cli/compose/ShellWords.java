package dev.strongroom.cli.compose;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a Compose {@code command}/{@code entrypoint} string into words as Docker does (POSIX shell
 * quoting: single quotes, double quotes, backslash), without any expansion.
 */
final class ShellWords {
  private ShellWords() {}

  /** The words of {@code line}; throws {@link IllegalArgumentException} on an open quote. */
  static List<String> split(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    int i = 0;
    while (i < line.length()) {
      char c = line.charAt(i++);
      if (c == '\'') {
        int close = line.indexOf('\'', i);
        if (close < 0) {
          throw new IllegalArgumentException("a single quote is not closed");
        }
        word.append(line, i, close);
        i = close + 1;
        inWord = true;
      } else if (c == '"') {
        i = doubleQuoted(line, i, word);
        inWord = true;
      } else if (c == '\\') {
        if (i < line.length()) {
          word.append(line.charAt(i++));
        }
        inWord = true;
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else {
        word.append(c);
        inWord = true;
      }
    }
    if (inWord) {
      words.add(word.toString());
    }
    return words;
  }

  /** Appends a double-quoted part starting after its quote; returns the index after it. */
  private static int doubleQuoted(String line, int start, StringBuilder word) {
    int i = start;
    while (i < line.length()) {
      char c = line.charAt(i++);
      if (c == '"') {
        return i;
      }
      if (c == '\\' && i < line.length() && "\"\\$`".indexOf(line.charAt(i)) >= 0) {
        word.append(line.charAt(i++));
      } else {
        word.append(c);
      }
    }
    throw new IllegalArgumentException("a double quote is not closed");
  }
}
