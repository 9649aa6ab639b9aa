package dev.strongroom.delivery;

import java.math.BigInteger;
import java.security.PrivateKey;
import java.security.spec.ECParameterSpec;
import org.bouncycastle.jcajce.provider.asymmetric.util.EC5Util;
import org.bouncycastle.jce.ECNamedCurveTable;
import org.bouncycastle.jce.spec.ECNamedCurveParameterSpec;

/**
 * The serving certificate's P-256 private key in the form Bouncy Castle signs fastest with: its own
 * EC key type, always with the one shared parameter set of the curve.
 *
 * <p>Bouncy Castle signs with a table of multiples of the curve's generator point, computed once
 * per point object and kept on it. From a JDK key (or its own {@code BCECPrivateKey}) it converts
 * the parameters on every signature, so every handshake got a new generator point and computed the
 * table again: 8.6 % of the delivery threads' CPU on new connections. Here the point is always the
 * same object, and its table is computed once per process.
 */
final class P256SigningKey
    implements org.bouncycastle.jce.interfaces.ECPrivateKey, java.security.interfaces.ECPrivateKey {
  private static final long serialVersionUID = 1L;

  /** The parameters every signature uses; Bouncy Castle keeps the generator's table on them. */
  static final ECNamedCurveParameterSpec P256 = ECNamedCurveTable.getParameterSpec("secp256r1");

  private final java.security.interfaces.ECPrivateKey key;

  private P256SigningKey(java.security.interfaces.ECPrivateKey key) {
    this.key = key;
  }

  /** {@code key} as a signing key; it must be an EC key on P-256. */
  static P256SigningKey of(PrivateKey key) {
    if (!(key instanceof java.security.interfaces.ECPrivateKey ec) || !isP256(ec.getParams())) {
      throw new IllegalArgumentException("the serving key must be an EC P-256 key");
    }
    return new P256SigningKey(ec);
  }

  /** The named curve's field, coefficients, generator, order and cofactor, not just its size. */
  private static boolean isP256(ECParameterSpec params) {
    org.bouncycastle.jce.spec.ECParameterSpec spec = EC5Util.convertSpec(params);
    return spec.getCurve().equals(P256.getCurve())
        && spec.getG().equals(P256.getG())
        && spec.getN().equals(P256.getN())
        && spec.getH().equals(P256.getH());
  }

  @Override
  public BigInteger getD() {
    return key.getS();
  }

  @Override
  public org.bouncycastle.jce.spec.ECParameterSpec getParameters() {
    return P256;
  }

  @Override
  public BigInteger getS() {
    return key.getS();
  }

  @Override
  public ECParameterSpec getParams() {
    return key.getParams();
  }

  @Override
  public String getAlgorithm() {
    return "EC";
  }

  @Override
  public String getFormat() {
    return key.getFormat();
  }

  @Override
  public byte[] getEncoded() {
    return key.getEncoded();
  }

  @Override
  public String toString() {
    return "P-256 signing key";
  }
}
