/** A metrics scraper that runs in the mesh (Prometheus with its own sidecar) and scrapes the services' own port. */
export interface MetricsScraper extends PlatformWorkload {
  /** Port the services serve metrics on (the container port). */
  readonly port: number;
  /**
   * Path of the metrics endpoint.
   *
   * @default "/metrics"
   */
  readonly path?: string;
}

/** A workload of the platform that runs in the mesh, named by its namespace and ServiceAccount. */
export interface PlatformWorkload {
  /** Namespace the workload runs in, e.g. `"istio-ingress"`. */
  readonly namespace: string;
  /** ServiceAccount of its pods; its mesh principal is derived from it. */
  readonly serviceAccount: string;
}

/** Options of the mesh emitter, shared by `meshManifests` and `MeshPolicies`. */
export interface MeshOptions {
  /**
   * Istio's root namespace, where the mesh-wide STRICT PeerAuthentication is written.
   *
   * @default "istio-system"
   */
  readonly rootNamespace?: string;
  /**
   * Trust domain of the mesh, the first part of every principal (`<trustDomain>/ns/<namespace>/sa/<account>`).
   *
   * @default "cluster.local"
   */
  readonly trustDomain?: string;
  /**
   * DNS domain of the cluster, the suffix of Service host names (`<service>.<namespace>.svc.<clusterDomain>`).
   *
   * @default "cluster.local"
   */
  readonly clusterDomain?: string;
  /**
   * Host names of the destinations outside the mesh that mesh services call, by the graph's name for them: an
   * external destination's name (`psp`), a platform path's name (`vpc-endpoints`, `s3`) or a service that does not
   * run in the mesh (`ledger`). Each becomes a ServiceEntry in the caller's namespace and a host of its Sidecar;
   * under REGISTRY_ONLY a destination without hosts is unreachable, so a mesh caller's destination without hosts is
   * a ValidationError. Host names are exact DNS names (no wildcards).
   *
   * @default - none (a mesh service may call mesh services only)
   */
  readonly destinationHosts?: Readonly<Record<string, readonly string[]>>;
  /**
   * The Istio ingress gateway the edge-facing services are reached through. Their token policy then also requires
   * the gateway's principal, so a request with a valid token from any other mesh workload is refused.
   *
   * @default - any mesh workload presenting a valid token of the issuer
   */
  readonly ingressGateway?: PlatformWorkload;
  /**
   * Whether the pods get AWS credentials from the EKS Pod Identity agent (169.254.170.23 and fd00:ec2::23, port 80),
   * which then needs a ServiceEntry in each mesh namespace (`eks-pod-identity-agent-from-<services>`, TCP, matched by
   * address) and a host in its Sidecar: under REGISTRY_ONLY the sidecar drops the SDKs' credential requests otherwise.
   * Turn it off only for pods that get no AWS credentials that way.
   *
   * @default true
   */
  readonly podIdentityAgent?: boolean;
  /**
   * A scraper allowed to read every mesh service's metrics endpoint (a platform rule in each namespace). Not needed
   * with Istio's default metrics merging, where Prometheus scrapes the sidecar agent's port 15020, which the
   * sidecar does not intercept.
   *
   * @default - no scraper rule
   */
  readonly metricsScraper?: MetricsScraper;
}

/** Istio's root namespace when none is given. */
export const DEFAULT_ROOT_NAMESPACE = "istio-system";
/** Trust domain when none is given. */
export const DEFAULT_TRUST_DOMAIN = "cluster.local";
/** Cluster DNS domain when none is given. */
export const DEFAULT_CLUSTER_DOMAIN = "cluster.local";
/** Metrics path when a scraper names none. */
export const DEFAULT_METRICS_PATH = "/metrics";
