package dev.strongroom.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A positive duration written as a whole number with a unit: {@code 30s}, {@code 10m}, {@code 1h}.
 */
final class WholeDuration implements ITypeConverter<Duration> {
  private static final Pattern FORM = Pattern.compile("([1-9][0-9]{0,8})(s|m|h)");

  @Override
  public Duration convert(String value) {
    Matcher m = FORM.matcher(value);
    if (!m.matches()) {
      throw new TypeConversionException("'" + value + "' is not a duration like 30s, 10m or 1h");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      default -> Duration.ofHours(n);
    };
  }
}
