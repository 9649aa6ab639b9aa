package dev.strongroom.store;

/** Checks namespaces and names before they enter a command. */
final class Names {
  private Names() {}

  static void check(String namespace, String name) {
    checkOne("namespace", namespace);
    checkOne("name", name);
  }

  private static void checkOne(String what, String value) {
    if (value == null || value.isEmpty() || value.length() > 253) {
      throw new InvalidRequestException("a " + what + " is 1 to 253 characters");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '/' || Character.isISOControl(c)) {
        throw new InvalidRequestException("a " + what + " holds no '/' or control characters");
      }
    }
  }
}
