import { ServicePortProtocol } from "../../policies/shared/service-graph";

/**
 * The declaration of a platform's services: plain data, the same in TypeScript and in a catalog file
 * (`ServiceCatalog.load`). Nothing here names a resource: the platform derives security groups, identities, grants and
 * every later layer from it.
 */

/** One port a service listens on. */
export interface ServicePortDeclaration {
  /** Name of the port, a DNS label (`https`, `grpc`, `metrics`); callers name it in `calls`. */
  readonly name: string;
  /** Port number, 1–65535. */
  readonly port: number;
  /** Application protocol: `http` and `grpc` (over TCP) may carry methods and paths on edges; `tcp` and `udp` may not. */
  readonly protocol: ServicePortProtocol;
}

/** One call a service makes: to a port of another declared service. */
export interface ServiceCallDeclaration {
  /** Name of the called service. */
  readonly service: string;
  /** Name of the callee's port. */
  readonly port: string;
  /**
   * HTTP methods the call uses, enforced by the layers that can (gateway routes, Istio AuthorizationPolicy). Only on
   * `http` and `grpc` ports.
   *
   * @default - every method
   */
  readonly methods?: string[];
  /**
   * HTTP path prefixes the call uses, each starting with `/`. Only on `http` and `grpc` ports.
   *
   * @default - every path
   */
  readonly paths?: string[];
}

/** A secret of a service, readable by that service's identity only. */
export interface ServiceSecretDeclaration {
  /** Name of the secret; stored as `<service>/<name>`. */
  readonly name: string;
  /**
   * What the secret holds, for people.
   *
   * @default - none
   */
  readonly description?: string;
}

/** Rotation function of a service's secrets. */
export interface ServiceRotationDeclaration {
  /** ARN of the Lambda function that rotates the service's secrets. */
  readonly lambdaArn: string;
  /** ARN of the role the function runs as; used by this service's rotation only. */
  readonly lambdaRoleArn: string;
  /**
   * Days between rotations (1–1000).
   *
   * @default 30
   */
  readonly scheduleDays?: number;
}

/** A service on EC2: an auto scaling group of hardened hosts. */
export interface Ec2RuntimeDeclaration {
  /** Runtime kind. */
  readonly kind: "ec2";
  /** Pinned AMI id (`ami-` and 8 or 17 hex digits); never looked up. */
  readonly amiId: string;
  /**
   * EC2 instance type.
   *
   * @default "t3.micro"
   */
  readonly instanceType?: string;
  /**
   * Tier of the network the hosts run in: `private`, or `isolated` for a data-tier service that reaches nothing
   * outside the VPC.
   *
   * @default "private"
   */
  readonly tier?: "private" | "isolated";
  /**
   * Fewest instances.
   *
   * @default 1
   */
  readonly minSize?: number;
  /**
   * Most instances.
   *
   * @default - the larger of 2 and `minSize`
   */
  readonly maxSize?: number;
}

/** A CPU or memory request and limit of a Kubernetes container, as Kubernetes quantities (`"100m"`, `"128Mi"`). */
export interface KubernetesQuantityDeclaration {
  /** Amount the scheduler reserves for the container. */
  readonly request: string;
  /** Most the container may use. */
  readonly limit: string;
}

/**
 * A service on the platform's EKS cluster: a Deployment in its team's namespace, its own ServiceAccount (the identity
 * the mesh principal and the EKS Pod Identity association derive from), a Service, and the graph's edges as
 * NetworkPolicies and Istio policies. The platform needs a `kubernetes` cluster.
 */
export interface KubernetesRuntimeDeclaration {
  /** Runtime kind. */
  readonly kind: "kubernetes";
  /** Container image pinned by digest: `<repository>@sha256:<64 hex>`. A tag-only image is refused. */
  readonly image: string;
  /**
   * Namespace of the service's team, a DNS label; several services may share one.
   *
   * @default - the service name
   */
  readonly namespace?: string;
  /**
   * Number of pods.
   *
   * @default 2
   */
  readonly replicas?: number;
  /**
   * Numeric user id the container runs as (never 0), for an image whose `USER` is a name or root.
   *
   * @default - the image's user
   */
  readonly runAsUser?: number;
  /**
   * CPU request and limit of the container.
   *
   * @default { request: "100m", limit: "500m" }
   */
  readonly cpu?: KubernetesQuantityDeclaration;
  /**
   * Memory request and limit of the container.
   *
   * @default { request: "128Mi", limit: "256Mi" }
   */
  readonly memory?: KubernetesQuantityDeclaration;
  /**
   * Plain environment variables of the container; never secrets (the service reads those from its secrets store).
   *
   * @default {}
   */
  readonly env?: Record<string, string>;
  /**
   * HTTP path of the readiness probe on the service's first `http` port (a gRPC health check on a `grpc` port, a TCP
   * connection on a `tcp` one when the service has no `http` port).
   *
   * @default - no readiness probe
   */
  readonly readinessPath?: string;
}

/** Where a service runs: a discriminated union on `kind`. */
export type ServiceRuntimeDeclaration = Ec2RuntimeDeclaration | KubernetesRuntimeDeclaration;

/**
 * A destination outside the platform that a service needs, e.g. a payment provider's API. On EC2 the hosts reach it
 * through the network's NAT gateways, and only on the declared port.
 */
export interface ExternalDestinationDeclaration {
  /** Name of the destination, a DNS label (`psp`); named in rule descriptions and the graph. */
  readonly name: string;
  /** Destination port, 1–65535. */
  readonly port: number;
  /**
   * Transport protocol.
   *
   * @default "tcp"
   */
  readonly protocol?: "tcp" | "udp";
  /**
   * The destination's IPv4 address blocks. Without them the security group must allow the port to any internet
   * address, which is recorded as a suppression of ZT-NET-014 with `reason`.
   *
   * @default - any internet address (recorded as a suppression with `reason`)
   */
  readonly cidrs?: string[];
  /**
   * DNS names the service calls the destination by (exact names, no wildcards). Required for a service on Kubernetes:
   * its mesh sidecar reaches only hosts in the mesh's registry (`REGISTRY_ONLY`), which get a ServiceEntry each.
   *
   * @default - none
   */
  readonly hosts?: string[];
  /** Why the service needs the destination (at least 10 characters); shown in every policy report. */
  readonly reason: string;
}

/** A route open to anonymous callers, with the reason recorded as a suppression shown in every report. */
export interface AnonymousRouteDeclaration {
  /** Marks the route as anonymous. */
  readonly none: true;
  /** Why callers need no authentication (at least 10 characters). */
  readonly reason: string;
}

/** A route of the platform's gateway to this service: a method and path from the internet to one of its ports. */
export interface ServiceRouteDeclaration {
  /** HTTP method, or `ANY`. */
  readonly method: "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE" | "OPTIONS" | "ANY";
  /** Path, starting with `/`; `{name}` segments are path parameters, `{proxy+}` a greedy last segment. */
  readonly path: string;
  /** Name of the service's port (an `http` or `grpc` port). */
  readonly port: string;
  /** Name of one of the gateway's authorizers, or an anonymous route with its reason. */
  readonly authorizer: string | AnonymousRouteDeclaration;
  /**
   * OAuth scopes a token must carry (Cognito and JWT authorizers only).
   *
   * @default [] (any valid token)
   */
  readonly scopes?: string[];
  /**
   * Query string parameters and headers the route requires (`method.request.querystring.page`).
   *
   * @default []
   */
  readonly requiredParameters?: string[];
}

/** One service of the platform. */
export interface ServiceDeclaration {
  /** Service name: a DNS label of at most 32 characters, unique in the platform. */
  readonly name: string;
  /** Ports the service listens on; names are unique within the service. */
  readonly ports: ServicePortDeclaration[];
  /** Where the service runs. */
  readonly runtime: ServiceRuntimeDeclaration;
  /**
   * Calls to other services of the platform. Each becomes an egress rule on this service's security group and an
   * ingress rule on the callee's, on the named port only.
   *
   * @default [] (calls nothing)
   */
  readonly calls?: ServiceCallDeclaration[];
  /**
   * Secrets of the service, each readable by the service's identity only.
   *
   * @default [] (no secrets)
   */
  readonly secrets?: ServiceSecretDeclaration[];
  /**
   * Rotation function of the service's secrets; required when `secrets` is not empty.
   *
   * @default - none (only valid without secrets)
   */
  readonly rotation?: ServiceRotationDeclaration;
  /**
   * Routes of the platform's gateway to this service (the service faces the edge). The platform needs a `gateway`.
   *
   * @default [] (not reachable from outside the platform)
   */
  readonly routes?: ServiceRouteDeclaration[];
  /**
   * Destinations outside the platform the service needs.
   *
   * @default [] (reaches nothing outside the platform)
   */
  readonly external?: ExternalDestinationDeclaration[];
}

/** The services of a platform, as a catalog file holds them. */
export interface PlatformDeclaration {
  /** The services. */
  readonly services: ServiceDeclaration[];
}
