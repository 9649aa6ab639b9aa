package dev.strongroom.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strongroom.api.SecretGrant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SecretGrantSyntaxTest {
  @Test
  void shortSyntaxGrantsTheSecretUnderItsOwnName() {
    SecretGrant grant = SecretGrantSyntax.parse("psql_password");

    assertThat(grant).isEqualTo(new SecretGrant("psql_password", null));
    assertThat(grant.effectiveTarget()).isEqualTo("psql_password");
  }

  @Test
  void longSyntaxSetsEveryField() {
    SecretGrant grant =
        SecretGrantSyntax.parse("source=psql_password,target=pw,uid=999,gid=998,mode=0400");

    assertThat(grant.getSource()).isEqualTo("psql_password");
    assertThat(grant.getTarget()).isEqualTo("pw");
    assertThat(grant.getUid()).isEqualTo("999");
    assertThat(grant.getGid()).isEqualTo("998");
    assertThat(grant.getMode()).isEqualTo(0400);
  }

  @Test
  void longSyntaxLeavesUnsetFieldsToTheApiDefaults() {
    assertThat(SecretGrantSyntax.parse("source=a")).isEqualTo(new SecretGrant("a", null));
  }

  @Test
  void srcIsAnAliasAndKeysAreCaseInsensitiveAsInDocker() {
    assertThat(SecretGrantSyntax.parse("SRC=a,Target=b")).isEqualTo(new SecretGrant("a", "b"));
  }

  @Test
  void csvQuotingAllowsCommasInATarget() {
    assertThat(SecretGrantSyntax.parse("source=a,\"target=b,c\""))
        .isEqualTo(new SecretGrant("a", "b,c"));
  }

  @ParameterizedTest(name = "mode={0} is {1}")
  @CsvSource({
    "0400, 256",
    "0o400, 256",
    "0O440, 288",
    "0444, 292",
    "0777, 511",
    "0, 0",
    "256, 256",
    "0x100, 256",
    "000, 0"
  })
  void modeIsReadAsDockerReadsIt(String written, int expected) {
    assertThat(SecretGrantSyntax.parse("source=a,mode=" + written).getMode()).isEqualTo(expected);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "''| invalid secret '': source is required and must not be empty",
        "source=| invalid secret 'source=': source is required and must not be empty",
        "target=x| invalid secret 'target=x': source is required",
        "source=a,bogus=1| invalid secret 'source=a,bogus=1': unknown field 'bogus' (known:"
            + " source, target, uid, gid, mode)",
        "source=a,target| invalid secret 'source=a,target': field 'target' must be a key=value"
            + " pair",
        "a,b| invalid secret 'a,b': field 'a' must be a key=value pair",
        "source=a,mode=0800| invalid secret 'source=a,mode=0800': mode '0800' is not a number:"
            + " write it in octal, e.g. 0400",
        "source=a,mode=rw| invalid secret 'source=a,mode=rw': mode 'rw' is not a number: write"
            + " it in octal, e.g. 0400",
        "source=a,mode=01000| invalid secret 'source=a,mode=01000': mode 01000 is out of range:"
            + " a file mode is 0 to 0777 (octal)",
        "source=a,mode=-1| invalid secret 'source=a,mode=-1': mode '-1' is not a number: write"
            + " it in octal, e.g. 0400",
        "source=a,target=/etc/pw| invalid secret 'source=a,target=/etc/pw': target '/etc/pw'"
            + " must be a file name without '/' (it is delivered as /run/secrets/<target>)",
        "source=a,target=../pw| invalid secret 'source=a,target=../pw': target '../pw' must be"
            + " a file name without '/' (it is delivered as /run/secrets/<target>)",
        "source=a,target=..| invalid secret 'source=a,target=..': target must be a file name,"
            + " not '..'",
        "source=a,target=| invalid secret 'source=a,target=': target must not be empty",
        "source=a,uid=root| invalid secret 'source=a,uid=root': uid 'root' must be a numeric user"
            + " or group id, at most 4294967294",
        "source=a,gid=-1| invalid secret 'source=a,gid=-1': gid '-1' must be a numeric user or"
            + " group id, at most 4294967294",
        "source=a,uid=4294967295| invalid secret 'source=a,uid=4294967295': uid '4294967295' must"
            + " be a numeric user or group id, at most 4294967294",
        "source=a,source=b| invalid secret 'source=a,source=b': source is given twice",
        "source=a,src=b| invalid secret 'source=a,src=b': source is given twice",
        "source=-a| invalid secret 'source=-a': source '-a' is not a secret name (letters,"
            + " digits and -_. inside, alphanumeric ends)",
        "source=a b| invalid secret 'source=a b': source 'a b' is not a secret name (letters,"
            + " digits and -_. inside, alphanumeric ends)",
        "source=a,\"target=b| invalid secret 'source=a,\"target=b': a quote is not closed"
      })
  void invalidSpecsFailWithOneLineNamingTheProblem(String spec, String message) {
    assertThatThrownBy(() -> SecretGrantSyntax.parse(spec))
        .isInstanceOf(InvalidGrantException.class)
        .hasMessage(message)
        .hasMessageNotContaining("\n");
  }

  @Test
  void picocliConverterReportsTheSameLine() {
    assertThatThrownBy(() -> new SecretGrantConverter().convert("source=a,mode=1000"))
        .hasMessage(
            "invalid secret 'source=a,mode=1000': mode 1000 is out of range: a file mode is 0"
                + " to 0777 (octal)");
  }
}
