package dev.strongroom.cli;

import dev.strongroom.api.SecretGrant;
import picocli.CommandLine;

/** Lets picocli options take a {@link SecretGrant} in Swarm's short or long syntax. */
public final class SecretGrantConverter implements CommandLine.ITypeConverter<SecretGrant> {
  @Override
  public SecretGrant convert(String value) {
    try {
      return SecretGrantSyntax.parse(value);
    } catch (InvalidGrantException e) {
      throw new CommandLine.TypeConversionException(e.getMessage());
    }
  }
}
