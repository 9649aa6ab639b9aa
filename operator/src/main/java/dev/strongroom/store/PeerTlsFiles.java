package dev.strongroom.store;

import java.nio.file.Path;

/** The PEM files of a peer's mutual TLS: its certificate, its PKCS#8 key and the CA it trusts. */
public record PeerTlsFiles(Path certificate, Path privateKey, Path trustedCa) {}
