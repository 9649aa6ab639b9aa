package dev.strongroom.cli;

import dev.strongroom.crypto.KeyEncryptionKey;
import dev.strongroom.crypto.PeerCertificates;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.HttpURLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code strongroom init}: creates the key-encryption key and the peer TLS Secrets the operator's
 * replicas mount, when they are absent. Never replaces them: a new key would lock the store.
 */
@Command(
    name = "init",
    mixinStandardHelpOptions = true,
    description = {
      "Create the key-encryption key and peer TLS Secrets if they are absent (install Job).",
      "With --local DIR, write them as files for replicas run as local processes instead."
    })
final class InitCommand implements Callable<Integer> {
  static final String KEK_SECRET = "strongroom-kek";
  static final String PEER_TLS_SECRET = "strongroom-peer-tls";

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--namespace", defaultValue = "strongroom-system", description = "Namespace.")
  String namespace;

  @Option(
      names = "--peers-service",
      defaultValue = "strongroom-peers",
      description = "The headless Service whose pod names the peer certificate covers.")
  String peersService;

  @Option(
      names = "--work-dir",
      defaultValue = "/tmp",
      description = "A memory-backed directory for the certificate files while they are made.")
  Path workDir;

  @Option(
      names = "--local",
      paramLabel = "DIR",
      description =
          "Write DIR/kek and DIR/peer-tls/{peer,peer-key,ca}.pem (loopback names) instead of"
              + " Secrets; keep a memory-backed DIR such as /dev/shm/...")
  Path localDir;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    SecureRandom random = new SecureRandom();
    if (localDir != null) {
      new LocalOperatorFiles(localDir).createMissing(out, random);
      return 0;
    }
    try (KubernetesClient client = new KubernetesClientBuilder().build()) {
      if (exists(client, KEK_SECRET)) {
        out.println("secret/" + KEK_SECRET + " exists; kept");
      } else {
        try (KeyEncryptionKey kek = KeyEncryptionKey.generate(random)) {
          byte[] key = kek.exportBytes();
          try {
            create(client, KEK_SECRET, "Opaque", Map.of("key", key));
          } finally {
            java.util.Arrays.fill(key, (byte) 0);
          }
        }
        out.println("secret/" + KEK_SECRET + " created");
      }
      if (exists(client, PEER_TLS_SECRET)) {
        out.println("secret/" + PEER_TLS_SECRET + " exists; kept");
      } else {
        create(client, PEER_TLS_SECRET, "Opaque", peerTls(random));
        out.println("secret/" + PEER_TLS_SECRET + " created");
      }
    }
    return 0;
  }

  /** A peer CA and one certificate for every pod behind the headless Service. */
  private Map<String, byte[]> peerTls(SecureRandom random) throws IOException {
    String domain = peersService + "." + namespace + ".svc";
    Path dir = Files.createTempDirectory(workDir, "peer-tls");
    try {
      PeerCertificates.Files files =
          PeerCertificates.issue(
              dir,
              List.of("*." + domain, "*." + domain + ".cluster.local", "localhost", "127.0.0.1"),
              "strongroom",
              Duration.ofDays(3650),
              Clock.systemUTC(),
              random);
      return Map.of(
          "tls.crt", Files.readAllBytes(files.certificate()),
          "tls.key", Files.readAllBytes(files.privateKey()),
          "ca.crt", Files.readAllBytes(files.trustedCa()));
    } finally {
      TempTrees.deleteTree(dir);
    }
  }

  private boolean exists(KubernetesClient client, String name) {
    return client.secrets().inNamespace(namespace).withName(name).get() != null;
  }

  private void create(KubernetesClient client, String name, String type, Map<String, byte[]> data) {
    Base64.Encoder base64 = Base64.getEncoder();
    Map<String, String> encoded = new java.util.TreeMap<>();
    data.forEach((k, v) -> encoded.put(k, base64.encodeToString(v)));
    Secret secret =
        new SecretBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(namespace)
            .addToLabels("app.kubernetes.io/part-of", "strongroom")
            .endMetadata()
            .withType(type)
            .withImmutable(true)
            .withData(encoded)
            .build();
    try {
      client.resource(secret).create();
    } catch (KubernetesClientException e) {
      // Another init run won the race: its Secret stands, which is what we want.
      if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
        throw e;
      }
    }
  }
}
