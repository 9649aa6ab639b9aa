/**
 * {@code strongroom agent}, the init container that fills {@code /run/secrets}: reads the projected
 * token and the CA bundle, asks the delivery endpoint ({@code POST /v1/deliveries}, see {@link
 * dev.strongroom.delivery}), writes each file atomically with its mode, uid and gid, and exits.
 * Exit codes: 0 written, 1 permanent failure or deadline passed (one line on stderr), 2 usage.
 * Transient failures (no connection, 429, 5xx) are retried with exponential backoff (100 ms
 * doubling to 5 s, jittered, at least the server's Retry-After) until {@code --deadline}.
 */
package dev.strongroom.agent;
