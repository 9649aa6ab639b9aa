package dev.strongroom.cli;

import picocli.CommandLine;

/** Reads the version from the jar manifest, so the build is the one place it is set. */
final class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = StrongroomCommand.class.getPackage().getImplementationVersion();
    return new String[] {"strongroom " + (version == null ? "development build" : version)};
  }
}
