package dev.strongroom.delivery;

/** {@link DeliveryServerTest} with the endpoint's TLS on Bouncy Castle's JSSE, its fallback. */
class DeliveryServerJsseTest extends DeliveryServerTest {
  @Override
  ServingTls.Engine engine() {
    return ServingTls.Engine.JSSE;
  }
}
