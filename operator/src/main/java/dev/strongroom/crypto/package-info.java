/**
 * Small cryptographic functions with keys and randomness passed in: AES-256-GCM from the JDK
 * provider for bulk encryption ({@link dev.strongroom.crypto.AesGcm}), the key-encryption key and
 * data keys, HPKE sealing with Bouncy Castle ({@link dev.strongroom.crypto.SealedBox}) and the peer
 * CA for Raft's mutual TLS ({@link dev.strongroom.crypto.PeerCertificates}). No key material
 * appears in {@code toString}, exceptions or logs.
 */
package dev.strongroom.crypto;
