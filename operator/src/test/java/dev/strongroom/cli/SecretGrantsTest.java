package dev.strongroom.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strongroom.api.SecretGrant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecretGrantsTest {
  private static final SecretGrant DB = grant("source=db_password,target=db");
  private static final SecretGrant API = grant("api_key");
  private static final SecretGrant DB_AGAIN = grant("source=db_password,target=db.copy");

  @Test
  void removeDropsEveryGrantOfTheSecretByItsNameAsDockerDoes() {
    assertThat(SecretGrants.remove(List.of(DB, API, DB_AGAIN), List.of("db_password")))
        .containsExactly(API);
  }

  @Test
  void removeMatchesTheSourceNotTheTarget() {
    assertThat(SecretGrants.remove(List.of(DB, API), List.of("db"))).containsExactly(DB, API);
    assertThat(SecretGrants.unmatched(List.of(DB, API), List.of("db", "api_key", "db")))
        .containsExactly("db");
  }

  @Test
  void addAppendsANewTarget() {
    assertThat(SecretGrants.add(List.of(DB), List.of(API))).containsExactly(DB, API);
  }

  @Test
  void addReplacesTheGrantWithTheSameTargetInPlace() {
    SecretGrant rotated = grant("source=db_password_v2,target=db,mode=0400");

    assertThat(SecretGrants.add(List.of(DB, API), List.of(rotated))).containsExactly(rotated, API);
  }

  @Test
  void addComparesEffectiveTargetsSoAShortGrantReplacesALongOneOfTheSameFile() {
    SecretGrant explicit = grant("source=other,target=api_key");

    assertThat(SecretGrants.add(List.of(API), List.of(explicit))).containsExactly(explicit);
  }

  @Test
  void twoAdditionsForTheSameFileAreRefused() {
    assertThatThrownBy(
            () -> SecretGrants.add(List.of(), List.of(grant("a"), grant("source=b,target=a"))))
        .isInstanceOf(InvalidGrantException.class)
        .hasMessage(
            "two secrets are added with the same target 'a': each file under /run/secrets needs"
                + " its own");
  }

  @Test
  void updateRemovesBeforeItAdds() {
    SecretGrant readded = grant("source=db_password,target=db,mode=0400");

    assertThat(SecretGrants.update(List.of(DB, API), List.of("db_password"), List.of(readded)))
        .containsExactly(API, readded);
  }

  @Test
  void theInputListIsNotChanged() {
    List<SecretGrant> grants = new java.util.ArrayList<>(List.of(DB));

    SecretGrants.update(grants, List.of("db_password"), List.of(API));

    assertThat(grants).containsExactly(DB);
  }

  private static SecretGrant grant(String spec) {
    return SecretGrantSyntax.parse(spec);
  }
}
