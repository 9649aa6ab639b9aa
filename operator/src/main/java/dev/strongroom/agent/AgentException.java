package dev.strongroom.agent;

/** A permanent agent failure; its message is the one line the pod shows. */
public class AgentException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public AgentException(String message) {
    super(message);
  }

  public AgentException(String message, Throwable cause) {
    super(message, cause);
  }
}
