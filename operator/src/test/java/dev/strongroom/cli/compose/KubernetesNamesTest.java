package dev.strongroom.cli.compose;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KubernetesNamesTest {
  @Test
  void aNameThatIsAlreadyValidIsKept() {
    assertThat(KubernetesNames.forSecret("psql-password")).isEqualTo("psql-password");
    assertThat(KubernetesNames.forSecret("db.password")).isEqualTo("db.password");
    assertThat(KubernetesNames.forLabel("shop-web")).isEqualTo("shop-web");
  }

  @Test
  void underscoresAndUppercaseAreMappedWithAStableHash() {
    // printf shop_db_password | sha256sum: a321bb1c...; the same on every machine and run.
    assertThat(KubernetesNames.forSecret("shop_db_password"))
        .isEqualTo("shop-db-password-a321bb1c");
    assertThat(KubernetesNames.forSecret("Prod_DB")).matches("prod-db-[0-9a-f]{8}");
  }

  @Test
  void swarmNamesThatMapToTheSameTextGetDifferentNames() {
    String underscore = KubernetesNames.forSecret("shop_db");
    String upper = KubernetesNames.forSecret("SHOP_DB");
    String kept = KubernetesNames.forSecret("shop-db");

    assertThat(underscore).startsWith("shop-db-");
    assertThat(upper).startsWith("shop-db-");
    assertThat(kept).isEqualTo("shop-db");
    assertThat(underscore).isNotEqualTo(upper).isNotEqualTo(kept);
  }

  @Test
  void aValidNameThatLooksHashedIsHashedTooSoItCannotCollideWithAMappedName() {
    String mapped = KubernetesNames.forSecret("a_b");
    String lookalike = KubernetesNames.forSecret(mapped);

    assertThat(lookalike).isNotEqualTo(mapped).startsWith(mapped + "-");
  }

  @Test
  void dotsAreNotAllowedInLabelsAndLongNamesAreShortened() {
    assertThat(KubernetesNames.forLabel("web.v2")).matches("web-v2-[0-9a-f]{8}");
    String longName = "s".repeat(40) + "_" + "w".repeat(40);

    String name = KubernetesNames.forLabel(longName);

    assertThat(name).hasSizeLessThanOrEqualTo(63).matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    assertThat(KubernetesNames.forLabel(longName)).isEqualTo(name);
  }
}
