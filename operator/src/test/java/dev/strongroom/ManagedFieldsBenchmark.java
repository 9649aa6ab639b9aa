package dev.strongroom;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.strongroom.api.SwarmSecret;
import io.fabric8.kubernetes.api.model.DefaultKubernetesResourceList;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Benchmark (not a test): what an informer's list of SwarmSecrets costs to decode and to keep, with
 * the operator's serialization ({@link OperatorClient}, no managedFields) against Fabric8's usual
 * one, alternating in one process (ABBA). The list is made like the benchmark cluster's:
 * SwarmSecrets with a generated source, a finalizer, two conditions and the three field-manager
 * records the API server keeps for them (created by a client, the finalizer applied, the status
 * applied). From {@code operator/}:
 *
 * <pre>
 * mvn -q test-compile && java -cp target/test-classes:target/classes:$(mvn -q \
 *   dependency:build-classpath -Dmdep.outputFile=/dev/stdout) \
 *   dev.strongroom.ManagedFieldsBenchmark [secrets] [rounds]
 * </pre>
 */
public final class ManagedFieldsBenchmark {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final TypeReference<DefaultKubernetesResourceList<SwarmSecret>> LIST =
      new TypeReference<>() {};

  private ManagedFieldsBenchmark() {}

  public static void main(String[] args) throws Exception {
    int secrets = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    byte[] json = list(secrets).getBytes(StandardCharsets.UTF_8);
    KubernetesSerialization usual = new KubernetesSerialization();
    KubernetesSerialization operator = OperatorClient.serialization();
    List<double[]> usualRuns = new ArrayList<>();
    List<double[]> operatorRuns = new ArrayList<>();
    System.out.printf(
        Locale.ROOT, "%d SwarmSecrets, %.1f MiB of JSON%n", secrets, json.length / 1048576.0);
    for (int round = 0; round < rounds; round++) {
      boolean usualFirst = round % 4 == 0 || round % 4 == 3;
      for (boolean isUsual :
          usualFirst ? new boolean[] {true, false} : new boolean[] {false, true}) {
        double[] figures = decode(isUsual ? usual : operator, json, secrets);
        // The first round of each warms its code up.
        if (round > 0) {
          (isUsual ? usualRuns : operatorRuns).add(figures);
        }
        System.out.printf(
            Locale.ROOT,
            "round %d %-22s decode %6.0f ms CPU, kept %5.1f MiB%n",
            round,
            isUsual ? "usual:" : "operator (no records):",
            figures[0],
            figures[1]);
      }
    }
    System.out.printf(
        Locale.ROOT,
        "median: usual %.0f ms, %.1f MiB; operator %.0f ms, %.1f MiB; operator / usual: decode"
            + " %.2fx, kept %.2fx%n",
        median(usualRuns, 0),
        median(usualRuns, 1),
        median(operatorRuns, 0),
        median(operatorRuns, 1),
        median(operatorRuns, 0) / median(usualRuns, 0),
        median(operatorRuns, 1) / median(usualRuns, 1));
  }

  /** Decodes the list; returns the decoding thread's CPU in ms and the heap it keeps in MiB. */
  private static double[] decode(KubernetesSerialization serialization, byte[] json, int expected)
      throws InterruptedException {
    long before = settledHeap();
    long cpu = THREADS.getCurrentThreadCpuTime();
    DefaultKubernetesResourceList<SwarmSecret> list =
        serialization.unmarshal(new ByteArrayInputStream(json), LIST);
    double millis = (THREADS.getCurrentThreadCpuTime() - cpu) / 1e6;
    double kept = (settledHeap() - before) / 1048576.0;
    if (list.getItems().size() != expected) {
      throw new IllegalStateException("decoded " + list.getItems().size() + " of " + expected);
    }
    return new double[] {millis, kept};
  }

  private static long settledHeap() throws InterruptedException {
    Runtime runtime = Runtime.getRuntime();
    long used = Long.MAX_VALUE;
    // Until a collection frees nothing more.
    for (int i = 0; i < 10; i++) {
      System.gc();
      Thread.sleep(50);
      long now = runtime.totalMemory() - runtime.freeMemory();
      if (now >= used) {
        return now;
      }
      used = now;
    }
    return used;
  }

  private static double median(List<double[]> runs, int index) {
    double[] values = runs.stream().mapToDouble(r -> r[index]).sorted().toArray();
    int mid = values.length / 2;
    return values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
  }

  private static String list(int secrets) {
    StringBuilder out =
        new StringBuilder(
            "{\"apiVersion\":\"v1\",\"kind\":\"List\",\"metadata\":{\"resourceVersion\":\"1\"},"
                + "\"items\":[");
    for (int i = 0; i < secrets; i++) {
      out.append(i == 0 ? "" : ",").append(secret(i));
    }
    return out.append("]}").toString();
  }

  /** One SwarmSecret as the API server lists it once the operator has reconciled it. */
  private static String secret(int i) {
    String time = "2026-12-03T12:0" + (i % 10) + ":30Z";
    String api = "\"apiVersion\":\"strongroom.dev/v1alpha1\",\"fieldsType\":\"FieldsV1\",";
    return ("{\"apiVersion\":\"strongroom.dev/v1alpha1\",\"kind\":\"SwarmSecret\",\"metadata\":{"
            + "\"creationTimestamp\":\"T\",\"finalizers\":[\"swarmsecrets.strongroom.dev/finalizer\"],"
            + "\"generation\":1,\"managedFields\":["
            + ("{"
                + api
                + "\"fieldsV1\":{\"f:metadata\":{\"f:finalizers\":{"
                + "\"v:\\\"swarmsecrets.strongroom.dev/finalizer\\\"\":{}}}},"
                + "\"manager\":\"swarmsecret\",\"operation\":\"Apply\",\"time\":\"T\"},")
            + ("{"
                + api
                + "\"fieldsV1\":{\"f:status\":{\"f:conditions\":{},\"f:createdAt\":{},"
                + "\"f:observedGeneration\":{},\"f:updatedAt\":{},\"f:usedBy\":{},"
                + "\"f:version\":{}}},\"manager\":\"swarmsecret\",\"operation\":\"Apply\","
                + "\"subresource\":\"status\",\"time\":\"T\"},")
            + ("{"
                + api
                + "\"fieldsV1\":{\"f:spec\":{\".\":{},\"f:immutable\":{},\"f:source\":{"
                + "\".\":{},\"f:generate\":{\".\":{},\"f:charset\":{},\"f:length\":{}}}}},"
                + "\"manager\":\"fabric8-kubernetes-client\",\"operation\":\"Update\","
                + "\"time\":\"T\"}],")
            + "\"name\":\"secret-N\",\"namespace\":\"bench-startup\",\"resourceVersion\":\"N\","
            + "\"uid\":\"641b6c27-9355-430e-8364-0000000N\"},"
            + "\"spec\":{\"immutable\":false,\"source\":{\"generate\":{\"charset\":\"alphanumeric\","
            + "\"length\":24}}},"
            + "\"status\":{\"conditions\":["
            + "{\"lastTransitionTime\":\"T\",\"message\":\"service: svc-N\",\"observedGeneration\":1,"
            + "\"reason\":\"Granted\",\"status\":\"True\",\"type\":\"InUse\"},"
            + "{\"lastTransitionTime\":\"T\",\"message\":\"version 1 is stored\","
            + "\"observedGeneration\":1,\"reason\":\"Stored\",\"status\":\"True\",\"type\":\"Ready\"}],"
            + "\"createdAt\":\"2026-12-03T12:04:36.144Z\",\"observedGeneration\":1,"
            + "\"updatedAt\":\"2026-12-03T12:04:36.144Z\",\"usedBy\":[\"svc-N\"],\"version\":1}}")
        .replace("\"T\"", "\"" + time + "\"")
        .replace("N", Integer.toString(i));
  }
}
