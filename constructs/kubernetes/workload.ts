import type { ServicePortProtocol } from "../../policies/shared/service-graph";

/** One port of a Kubernetes workload: the container port and the Service port, named as the graph's service port. */
export interface KubernetesPort {
  /** Name of the port, as the service declares it in the graph (also the container and Service port name). */
  readonly name: string;
  /** Port number, the same for the container and the Service (NetworkPolicies name this exact port). */
  readonly port: number;
  /** Application protocol, as the graph declares it. */
  readonly protocol: ServicePortProtocol;
}

/** A CPU or memory request and limit, as Kubernetes quantities (`"100m"`, `"128Mi"`). */
export interface ResourceQuantity {
  /** Amount the scheduler reserves for the container. */
  readonly request: string;
  /** Most the container may use. */
  readonly limit: string;
}

/** Requests and limits of a workload's container. */
export interface WorkloadResources {
  /** CPU request and limit, e.g. `{ request: "100m", limit: "500m" }`. */
  readonly cpu: ResourceQuantity;
  /** Memory request and limit, e.g. `{ request: "128Mi", limit: "256Mi" }`. */
  readonly memory: ResourceQuantity;
}

/** OpenID Connect issuer whose tokens an edge-facing service requires on every request. */
export interface EdgeFacingAuthentication {
  /** Token issuer (`iss`), e.g. `https://issuer.example.com`. */
  readonly issuer: string;
  /** URL of the issuer's JSON Web Key Set. */
  readonly jwksUri: string;
  /**
   * Audiences (`aud`) a token must carry one of.
   *
   * @default - any audience the issuer signs
   */
  readonly audiences?: readonly string[];
}

/**
 * A health probe of the container on one of its ports: an HTTP GET of `path` on an `http` port, a gRPC health check on
 * a `grpc` port, a TCP connection on a `tcp` port. The kubelet probes from the pod's node, which NetworkPolicies always
 * admit, so a probe needs no policy of its own.
 */
export interface WorkloadProbe {
  /** Name of the port to probe, one of the workload's ports (not a `udp` one). */
  readonly port: string;
  /**
   * Path of an HTTP probe.
   *
   * @default "/"
   */
  readonly path?: string;
  /**
   * Scheme of an HTTP probe: `HTTPS` when the container serves TLS itself on the port.
   *
   * @default "HTTP"
   */
  readonly scheme?: "HTTP" | "HTTPS";
}

/** The container's health probes. */
export interface WorkloadProbes {
  /**
   * When the pod is ready to receive traffic.
   *
   * @default - no readiness probe
   */
  readonly readiness?: WorkloadProbe;
  /**
   * When the container must be restarted.
   *
   * @default - no liveness probe
   */
  readonly liveness?: WorkloadProbe;
}

/**
 * How one service of the declared graph runs on Kubernetes. Every Kubernetes and mesh emitter derives the service's
 * labels, ServiceAccount and mesh principal from this spec (see `./identity`); nobody types them for an edge.
 */
export interface KubernetesWorkload {
  /** Service name: the graph node id of the service. */
  readonly service: string;
  /** Namespace of the service's team: a DNS label such as `"orders"`. */
  readonly namespace: string;
  /**
   * Name of the service's own ServiceAccount.
   *
   * @default - the service name
   */
  readonly serviceAccount?: string;
  /** Container image pinned by digest: `<repository>@sha256:<64 hex>`. A tag-only image is a ValidationError. */
  readonly image: string;
  /**
   * Numeric user id the container runs as (never 0). The pods run with `runAsNonRoot`, under which the kubelet starts
   * a container only when its user is numeric and not 0: give it for an image whose `USER` is a name or root.
   *
   * @default - the image's user
   */
  readonly runAsUser?: number;
  /**
   * Number of pods.
   *
   * @default 2
   */
  readonly replicas?: number;
  /** Container ports, which are the service's ports as the graph declares them (same names and numbers). */
  readonly ports: readonly KubernetesPort[];
  /**
   * Requests and limits of the container.
   *
   * @default - DEFAULT_WORKLOAD_RESOURCES (CPU 100m to 500m, memory 128Mi to 256Mi)
   */
  readonly resources?: WorkloadResources;
  /**
   * Plain environment variables of the container. Never secrets: those come from the service's secrets store.
   *
   * @default - none
   */
  readonly env?: Readonly<Record<string, string>>;
  /**
   * Tokens this service requires on every request (a RequestAuthentication and a policy requiring a request
   * principal), for services the edge reaches.
   *
   * @default - not edge-facing
   */
  readonly edgeFacing?: EdgeFacingAuthentication;
  /**
   * Health probes of the container.
   *
   * @default - none
   */
  readonly probes?: WorkloadProbes;
}

/** Requests and limits of a workload that names none: CPU 100m to 500m, memory 128Mi to 256Mi. */
export const DEFAULT_WORKLOAD_RESOURCES: WorkloadResources = {
  cpu: { request: "100m", limit: "500m" },
  memory: { request: "128Mi", limit: "256Mi" },
};

/** Pods of a workload that names no replica count. */
export const DEFAULT_REPLICAS = 2;
