package dev.strongroom.cli.compose;

/**
 * Escapes Kubernetes' {@code $(VAR)} expansion in container command, args and env values, so a
 * Compose value reaches the container exactly as Docker would pass it.
 */
final class KubernetesExpansion {
  private KubernetesExpansion() {}

  /** Doubles each {@code $} that Kubernetes would otherwise read ({@code $$} or {@code $(}). */
  static String escape(String value) {
    if (value.indexOf('$') < 0) {
      return value;
    }
    StringBuilder out = new StringBuilder(value.length() + 4);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      out.append(c);
      if (c == '$' && i + 1 < value.length()) {
        char next = value.charAt(i + 1);
        if (next == '$' || next == '(') {
          out.append('$');
        }
      }
    }
    return out.toString();
  }
}
