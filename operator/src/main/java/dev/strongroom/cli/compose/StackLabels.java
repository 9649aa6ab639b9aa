package dev.strongroom.cli.compose;

/** The labels Docker puts on a stack's objects, which Strongroom keeps. */
public final class StackLabels {
  /** On every object of a stack: the stack's name. */
  public static final String NAMESPACE = "com.docker.stack.namespace";

  /** On a service's pods: the Swarm service name ({@code <stack>_<service>}). */
  public static final String SERVICE_NAME = "com.docker.swarm.service.name";

  private StackLabels() {}
}
