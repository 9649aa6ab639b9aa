package dev.strongroom.delivery;

/** What is known of a request's pod so far, filled in as authorization proceeds; for audit only. */
public final class RequestSubject {
  String namespace;
  String pod;
  String service;
  long revision;

  public String namespace() {
    return namespace;
  }

  public String pod() {
    return pod;
  }

  public String service() {
    return service;
  }

  public long revision() {
    return revision;
  }
}
