package dev.strongroom.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the publisher remembers, against a stub API server on loopback that answers its applies (404
 * for the namespaces in {@link #gone}): namespaces that are gone are forgotten, so that a rotation
 * does not try them again and the record does not keep every namespace ever used.
 */
class CaPublisherTest {
  private final List<String> applied = new CopyOnWriteArrayList<>();
  private final Set<String> gone = ConcurrentHashMap.newKeySet();
  private final AtomicReference<String> bundle = new AtomicReference<>("first bundle");
  private HttpServer server;
  private KubernetesClient client;

  @BeforeEach
  void startApiServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/api/v1/namespaces/", this::answer);
    server.start();
    Config config =
        new ConfigBuilder(Config.empty())
            .withMasterUrl("http://127.0.0.1:" + server.getAddress().getPort())
            .withRequestRetryBackoffLimit(0)
            .build();
    client = new KubernetesClientBuilder().withConfig(config).build();
  }

  @AfterEach
  void stop() {
    client.close();
    server.stop(0);
  }

  @Test
  void appliesOncePerNamespaceAndForgetsOnesThatAreGone() {
    CaPublisher publisher = new CaPublisher(client, "strongroom-system", bundle::get);
    publisher.start();
    publisher.publishFor(objectIn("shop"));
    publisher.publishFor(objectIn("shop"));
    publisher.publishFor(objectIn("blog"));
    assertThat(applied).containsExactly("strongroom-system", "shop", "blog");
    assertThat(publisher.namespaces()).isEqualTo(3);

    // "blog" is deleted; the next rotation finds it gone and forgets it.
    gone.add("blog");
    bundle.set("second bundle");
    publisher.republish();
    assertThat(applied.subList(3, applied.size()))
        .containsExactlyInAnyOrder("strongroom-system", "shop", "blog");
    assertThat(publisher.namespaces()).isEqualTo(2);

    applied.clear();
    bundle.set("third bundle");
    publisher.republish();
    assertThat(applied).containsExactlyInAnyOrder("strongroom-system", "shop");
  }

  @Test
  void aNamespaceThatNeverExistedIsNotRemembered() {
    gone.add("typo");
    CaPublisher publisher = new CaPublisher(client, "strongroom-system", bundle::get);
    publisher.publishFor(objectIn("typo"));

    assertThat(applied).containsExactly("typo");
    assertThat(publisher.namespaces()).isZero();
  }

  private void answer(HttpExchange exchange) throws IOException {
    // /api/v1/namespaces/NS/configmaps/strongroom-ca, by server-side apply (PATCH)
    String namespace = exchange.getRequestURI().getPath().split("/")[4];
    applied.add(namespace);
    exchange.getRequestBody().readAllBytes();
    int code;
    String body;
    if (gone.contains(namespace)) {
      code = 404;
      body =
          "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"message\":"
              + "\"namespaces \\\""
              + namespace
              + "\\\" not found\",\"reason\":\"NotFound\",\"code\":404}";
    } else {
      code = 200;
      body =
          "{\"kind\":\"ConfigMap\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\""
              + CaPublisher.CONFIG_MAP
              + "\",\"namespace\":\""
              + namespace
              + "\"}}";
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(code, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static ConfigMap objectIn(String namespace) {
    ConfigMap object = new ConfigMap();
    object.setMetadata(
        new ObjectMetaBuilder()
            .withName("anything")
            .withNamespace(namespace)
            .withCreationTimestamp("2026-12-04T20:00:00Z")
            .build());
    return object;
  }
}
