/**
 * What Kubernetes accepts as names and references, shared by the service declaration's checks (constructs/service) and
 * the Kubernetes emitters' checks, so both refuse the same values. No imports: both sides may load it.
 */

/** An RFC 1123 DNS label: at most 63 lower-case letters, digits and hyphens, starting and ending with a letter or digit. */
export const DNS_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** A container image pinned by digest: `<repository>@sha256:<64 lower-case hex digits>`. */
export const DIGEST_IMAGE = /^[^\s@]+@sha256:[0-9a-f]{64}$/;

/** An environment variable name Kubernetes accepts. */
export const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

/** Namespaces Kubernetes itself uses; a service team's workloads never run in them. */
export const RESERVED_NAMESPACES: readonly string[] = ["default", "kube-system", "kube-public", "kube-node-lease"];
