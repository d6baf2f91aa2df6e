import { Construct } from "constructs";
import { TerraformStack, Token } from "cdktf";
import { Peer } from "../core/connections";
import { carryGraph } from "../core/graph-carrier";
import { ErrorSource, ValidationError, errorSource } from "../core/errors";
import { Port } from "../core/port";
import { parseCidr } from "../network/cidr";
import { DEFAULT_INTERFACE_ENDPOINTS, KNOWN_INTERFACE_ENDPOINT_PREFIXES } from "../network/endpoint-services";
import { INetwork } from "../network/network";
import {
  ENDPOINTS_NODE,
  GraphDocument,
  GraphEdge,
  INTERNET_NODE,
  SERVICE_GRAPH_SCHEMA,
  cidrNode,
  gatewayNode,
  groupNode,
  platformNode,
  prefixListNode,
  transportOf,
} from "../../policies/shared/service-graph";
import { DEFAULT_WORKLOAD_RESOURCES, KubernetesWorkload } from "../kubernetes/workload";
import { DNS_NAME, checkDeclaration, closest, problemText, runsOnKubernetes, tierOf } from "./check";
import { PlatformDeclaration, ServiceDeclaration } from "./declaration";
import { RestGateway, RestGatewayProps } from "../gateway/rest-gateway";
import { RestRoute } from "../gateway/rest-routes";
import { IServiceCluster, Service } from "./service";

const KIND = "ServicePlatform";

/**
 * The platform's gateway: a {@link RestGateway} whose routes are the services' declared `routes`. Everything but the
 * routes and the network is the gateway's own props.
 */
export interface PlatformGatewayProps extends Omit<RestGatewayProps, "name" | "network" | "routes"> {
  /**
   * Name of the gateway (its resources' names, the `zt:gateway` tag, the graph node `gateway:<name>`).
   *
   * @default "edge"
   */
  readonly name?: string;
}

/** Properties of a {@link ServicePlatform}. */
export interface ServicePlatformProps extends PlatformDeclaration {
  /** The network every service runs in (a SegmentedNetwork, or one imported with `SegmentedNetwork.fromNetworkAttributes`). */
  readonly network: INetwork;
  /** Roles that administer every service's keys and secrets without reading a value; the role Terraform deploys with first. */
  readonly adminRoleArns: string[];
  /**
   * The gateway in front of the services that declare `routes`: every route authenticated, validated, rate-limited
   * and logged, reaching its service only through a private integration. Required when any service declares routes.
   *
   * @default - no gateway: no service is reachable from outside the platform
   */
  readonly gateway?: PlatformGatewayProps;
  /**
   * Extra tags for every service's resources (`zt:service` is set by the platform).
   *
   * @default {}
   */
  readonly tags?: Record<string, string>;
  /**
   * The EKS cluster the services with a `kubernetes` runtime run on, and what their mesh needs to know of the rest of
   * the platform. Required when any service runs on Kubernetes.
   *
   * @default - no Kubernetes services
   */
  readonly kubernetes?: PlatformKubernetesProps;
  /**
   * An image repository per service (ECR: immutable tags, scanned on push, encrypted with the service's key when it has
   * secrets, a lifecycle policy), which only the service's identity pulls (for a service on Kubernetes, the cluster's
   * nodes, whose kubelet pulls) and only the CI roles push. A Kubernetes service's `image` must then be an image of its
   * own repository, by digest.
   *
   * @default - no repositories: images come from wherever the declaration names
   */
  readonly images?: PlatformImagesProps;
}

/** The image repositories of a platform's services. */
export interface PlatformImagesProps {
  /** ARNs of the CI roles that push images, roles of the platform's account; nobody else may push. */
  readonly pushRoleArns: string[];
  /**
   * Prefix of every repository name: a repository is `<prefix><service>` (e.g. `shop/orders` with `"shop/"`).
   *
   * @default "" (the service name)
   */
  readonly repositoryPrefix?: string;
}

/** The cluster of a platform's Kubernetes services. */
export interface PlatformKubernetesProps {
  /** The cluster (a HardenedCluster in the platform's network). */
  readonly cluster: IServiceCluster;
  /**
   * DNS names of the EC2 services that Kubernetes services call, by service name (e.g. an internal load balancer's or a
   * private hosted zone's name). The callers' mesh sidecars reach only named hosts (REGISTRY_ONLY), so each EC2 service
   * a Kubernetes service calls needs one.
   *
   * @default {} (Kubernetes services call Kubernetes services only)
   */
  readonly serviceHosts?: Readonly<Record<string, readonly string[]>>;
}

/**
 * What the Kubernetes stack of a platform needs, derived from the declaration: pass it to `KubernetesServices`
 * (`workloads`, `cidrs`, `vpcCidr`) and `MeshPolicies` (`workloads`, `destinationHosts`) with the platform's `graph`.
 */
export interface PlatformKubernetes {
  /** The cluster. */
  readonly cluster: IServiceCluster;
  /** The Kubernetes services as workload specs, in declaration order. */
  readonly workloads: readonly KubernetesWorkload[];
  /**
   * Address blocks of the graph's nodes off the cluster that Kubernetes services call: each EC2 callee's tier subnets,
   * by service name.
   */
  readonly cidrs: Readonly<Record<string, readonly string[]>>;
  /** The VPC's block: the destination of the platform edges to the VPC interface endpoints. */
  readonly vpcCidr: string;
  /**
   * Host names of the destinations outside the mesh that Kubernetes services call, by graph name: EC2 callees (from
   * `serviceHosts`), external destinations (their `hosts`) and `vpc-endpoints` (the interface endpoints' regional
   * service names, which their private DNS answers inside the VPC).
   */
  readonly destinationHosts: Readonly<Record<string, readonly string[]>>;
}

/**
 * The services of a platform, declared once: each service's identity, secrets and hosts, and every declared call as a
 * pair of security group rules (the caller's egress and the callee's ingress, on the callee's declared port only).
 * Platform paths a default-deny network needs (HTTPS to the VPC interface endpoints and to S3 through its gateway
 * endpoint) are added for every service; declared external destinations are reached through NAT on their port only.
 *
 * The declared graph (services, ports and edges, platform and external edges included) is written into the stack as
 * `terraform_data.ztb_service_graph` (its `input` is the document, so it reaches plan JSON too) and beside the stack's
 * `cdk.tf.json` as `service-graph.json`. The pack's service-graph rules compare it with the flows the security groups
 * and network ACLs allow. One platform per stack.
 *
 * @example
 * const platform = new ServicePlatform(this, "services", {
 *   network,
 *   adminRoleArns: ["arn:aws:iam::111122223333:role/platform-deployer"],
 *   ...ServiceCatalog.load("services.yaml"),
 * });
 * platform.service("orders").identity; // the role of the orders service
 */
export class ServicePlatform extends Construct {
  /** Whether `x` is a ServicePlatform (also one made by another copy of this library). */
  public static isServicePlatform(x: unknown): x is ServicePlatform {
    return typeof x === "object" && x !== null && PLATFORM in x;
  }

  /** The services, by name, in declaration order. */
  public readonly services: ReadonlyMap<string, Service>;
  /** The declared graph as written into the stack. */
  public readonly graph: GraphDocument;
  /** The network the services run in. */
  public readonly network: INetwork;
  /** The gateway in front of the services that declare routes; undefined without one. */
  public readonly gateway?: RestGateway;
  /** What the platform's Kubernetes stack needs; undefined when no service runs on Kubernetes. */
  public readonly kubernetes?: PlatformKubernetes;
  private readonly source: ErrorSource;

  constructor(scope: Construct, id: string, props: ServicePlatformProps) {
    const source = errorSource(KIND, scope, id);
    const declaration: PlatformDeclaration = { services: props.services };
    validate(source, declaration, props.network, scope, props.gateway, props.kubernetes);
    super(scope, id);
    Object.defineProperty(this, PLATFORM, { value: true });
    this.source = source;
    this.network = props.network;

    const services = new Map<string, Service>();
    const cluster = props.kubernetes?.cluster;
    for (const d of props.services) {
      services.set(
        d.name,
        new Service(this, d.name, {
          declaration: d,
          network: props.network,
          adminRoleArns: props.adminRoleArns,
          tags: props.tags,
          cluster,
          ...(props.images ? { images: { ...props.images, repositoryName: `${props.images.repositoryPrefix ?? ""}${d.name}` } } : {}),
        }),
      );
    }
    this.services = services;
    for (const [i, d] of props.services.entries()) {
      const repository = services.get(d.name)!.images;
      if (repository === undefined || d.runtime.kind !== "kubernetes") continue;
      if (!d.runtime.image.startsWith(`${repository.repositoryUrl}@`)) {
        throw new ValidationError(
          source,
          `services[${i}].runtime.image`,
          `service "${d.name}" runs "${d.runtime.image}", which is not an image of its own repository; use "${repository.repositoryUrl}@sha256:<64 hex digits>" (the platform's images prop makes one repository per service, which only its CI roles push to).`,
        );
      }
    }

    // Services on Kubernetes share their cluster's node security group: Connections writes a rule of one group, peer
    // and port once, so pod services making the same call share it, and paths between pods of the cluster are its
    // NetworkPolicies' and mesh policies' to narrow, not the groups'. Internet egress is recorded once per group and
    // port, with the reason of the first service that declares it.
    const toInternet = new Set<string>();
    const edges: GraphEdge[] = [];
    for (const caller of services.values()) {
      for (const call of caller.declaration.calls ?? []) {
        const callee = services.get(call.service)!;
        const port = callee.declaration.ports.find((p) => p.name === call.port)!;
        if (caller.connections !== callee.connections) {
          caller.connections.allowTo(callee, callee.port(port.name), `${caller.kubernetes ? "pods of " : ""}${caller.serviceName} calls ${callee.serviceName} ${port.name}`);
        }
        edges.push({
          from: caller.serviceName,
          to: callee.serviceName,
          protocol: transportOf(port.protocol),
          port: port.port,
          kind: "service",
          name: port.name,
          ...(call.methods?.length ? { methods: [...call.methods] } : {}),
          ...(call.paths?.length ? { paths: [...call.paths] } : {}),
        });
      }
      edges.push(...platformEdges(caller, props.network));
      for (const [k, destination] of (caller.declaration.external ?? []).entries()) {
        const protocol = destination.protocol ?? "tcp";
        const port = Port.of(protocol, destination.port);
        const description = `${caller.serviceName} reaches external ${destination.name}`;
        const cidrs = destination.cidrs ?? [];
        if (cidrs.length === 0) {
          const group = `${caller.kubernetes ? "cluster" : caller.serviceName}|${port.id}`;
          if (!toInternet.has(group)) {
            toInternet.add(group);
            caller.connections.allowToInternet(port, {
              optOut: `services[${[...services.keys()].indexOf(caller.serviceName)}].external[${k}] (${destination.name})`,
              reason: `service "${caller.serviceName}" declares the external destination "${destination.name}" without address blocks: ${destination.reason}`,
              description,
            });
          }
          edges.push({ from: caller.serviceName, to: INTERNET_NODE, protocol, port: destination.port, kind: "external", name: destination.name });
        } else {
          for (const cidr of cidrs) {
            caller.connections.allowTo(Peer.ipv4(cidr), port, description);
            edges.push({ from: caller.serviceName, to: cidrNode(cidr), protocol, port: destination.port, kind: "external", name: destination.name });
          }
        }
      }
    }

    if (props.gateway) {
      const { name = DEFAULT_GATEWAY_NAME, ...gatewayProps } = props.gateway;
      const routes: RestRoute[] = [];
      for (const service of services.values()) {
        for (const route of service.declaration.routes ?? []) {
          routes.push({
            method: route.method,
            path: route.path,
            // Routes to Kubernetes services are refused by the declaration's checks.
            target: service.hosts!,
            port: service.port(route.port),
            authorizer: route.authorizer,
            scopes: route.scopes,
            requiredParameters: route.requiredParameters,
          });
        }
      }
      this.gateway = new RestGateway(this, "gateway", { ...gatewayProps, name, network: props.network, routes, tags: { ...(props.tags ?? {}), ...(gatewayProps.tags ?? {}) } });
      edges.push(...gatewayEdges(name, props.services));
    }

    this.graph = {
      schema: SERVICE_GRAPH_SCHEMA,
      platform: this.node.path,
      services: props.services.map((d) => ({
        name: d.name,
        ports: d.ports.map((p) => ({ name: p.name, port: p.port, protocol: p.protocol })),
        runtime: runsOnKubernetes(d)
          ? { kind: d.runtime.kind, tier: tierOf(d), cluster: cluster!.clusterName, namespace: d.runtime.namespace ?? d.name }
          : { kind: d.runtime.kind, tier: tierOf(d) },
      })),
      edges,
    };
    if (cluster !== undefined) this.kubernetes = kubernetesView(cluster, props, services, edges);
    carryGraph(this, source, this.graph);
  }

  /** The service named `name`; a ValidationError naming the closest service when there is none. */
  public service(name: string): Service {
    const found = this.services.get(name);
    if (found) return found;
    const near = closest(name, [...this.services.keys()]);
    throw new ValidationError(this.source, "name", `has no service "${name}"; ${near ? `did you mean "${near}"?` : `its services are ${[...this.services.keys()].join(", ")}.`}`);
  }
}

/** Name of the platform's gateway when none is given. */
export const DEFAULT_GATEWAY_NAME = "edge";

/**
 * The gateway edges: the internet to the gateway on HTTPS with every route, and the gateway to each service port that
 * routes reach, with those routes (`GET /orders/{id}`).
 */
function gatewayEdges(name: string, services: readonly ServiceDeclaration[]): GraphEdge[] {
  const node = gatewayNode(name);
  const all: string[] = [];
  const edges: GraphEdge[] = [];
  for (const service of services) {
    for (const port of service.ports) {
      const routes = (service.routes ?? []).filter((r) => r.port === port.name).map((r) => `${r.method} ${r.path}`);
      if (routes.length === 0) continue;
      all.push(...routes);
      edges.push({ from: node, to: service.name, protocol: "tcp", port: port.port, kind: "gateway", name: port.name, routes });
    }
  }
  if (edges.length === 0) return [];
  return [{ from: INTERNET_NODE, to: node, protocol: "tcp", port: 443, kind: "gateway", routes: all }, ...edges];
}

const PLATFORM = Symbol.for("zt-blueprint.ServicePlatform");

/**
 * The platform edges of one service: HTTPS to the interface endpoints' security group and, for hosts, to the S3
 * gateway endpoint's prefix list, named as the flow readers name them (a group or prefix list made in this
 * configuration by its platform node, a literal id of an imported network by that id). Pods get no S3 edge: a
 * NetworkPolicy cannot name a prefix list, and a pod that needs S3 declares it.
 */
function platformEdges(caller: Service, network: INetwork): GraphEdge[] {
  const service = caller.serviceName;
  const edges: GraphEdge[] = [];
  const https = { protocol: "tcp" as const, port: 443, kind: "platform" as const };
  if (network.endpointSecurityGroupId !== undefined) {
    const group = network.endpointSecurityGroupId;
    edges.push({ from: service, to: Token.isUnresolved(group) ? ENDPOINTS_NODE : groupNode(group), ...https, name: "vpc-endpoints" });
  }
  if (caller.kubernetes !== undefined) return edges;
  const s3 = network.gatewayEndpoint("s3").prefixListId;
  edges.push({ from: service, to: Token.isUnresolved(s3) ? platformNode("s3") : prefixListNode(s3), ...https, name: "s3" });
  return edges;
}

/** Checks the declaration, then what the network must allow for it; throws the first problem as a ValidationError. */
function validate(
  source: ErrorSource,
  declaration: PlatformDeclaration,
  network: INetwork,
  scope: Construct,
  gateway: PlatformGatewayProps | undefined,
  kubernetes: PlatformKubernetesProps | undefined,
): void {
  if (!Array.isArray(declaration.services)) throw new ValidationError(source, "services", "needs services, a list of service declarations.");
  const problems = checkDeclaration(declaration);
  if (problems.length > 0) {
    const more = problems.length > 1 ? ` (${problems.length - 1} more problem${problems.length > 2 ? "s" : ""} after this one)` : "";
    throw new ValidationError(source, problems[0].path, `${problemText(problems[0])}${more}`);
  }
  const stack = TerraformStack.of(scope);
  if (stack.node.findAll().some((c) => ServicePlatform.isServicePlatform(c))) {
    throw new ValidationError(source, "scope", "the stack already has a ServicePlatform; declare every service of the stack in one platform, or use one stack per platform.");
  }
  const byName = new Map<string, ServiceDeclaration>(declaration.services.map((s) => [s.name, s]));
  for (const [name, hosts] of Object.entries(kubernetes?.serviceHosts ?? {})) {
    const service = byName.get(name);
    if (service === undefined || runsOnKubernetes(service)) {
      const near = closest(name, [...byName.keys()]);
      const why = service === undefined ? `is not a service of the platform${near ? `; did you mean "${near}"?` : "."}` : "runs on Kubernetes, where the mesh names it; remove the entry.";
      throw new ValidationError(source, `kubernetes.serviceHosts.${name}`, `"${name}" ${why}`);
    }
    for (const host of hosts ?? []) {
      if (typeof host !== "string" || !DNS_NAME.test(host)) {
        throw new ValidationError(source, `kubernetes.serviceHosts.${name}`, `names the host ${JSON.stringify(host)}; use an exact lower-case DNS name such as "${name}.internal.example.com" (no wildcard, no address).`);
      }
    }
  }
  declaration.services.forEach((service, i) => {
    const at = `services[${i}]`;
    const tier = tierOf(service);
    if (runsOnKubernetes(service) && kubernetes?.cluster === undefined) {
      throw new ValidationError(source, `${at}.runtime`, `service "${service.name}" runs on Kubernetes but the platform has no cluster; give the platform kubernetes.cluster (a HardenedCluster in this network), or run the service on EC2.`);
    }
    if (!network.hasTier(tier)) {
      throw new ValidationError(source, `${at}.runtime.tier`, `service "${service.name}" runs in the ${tier} tier, which the network does not have; enable the tier on the network or choose another.`);
    }
    (service.calls ?? []).forEach((call, k) => {
      const callee = byName.get(call.service)!;
      const port = callee.ports.find((p) => p.name === call.port)!;
      const problem = network.tierPathProblem(tier, tierOf(callee), Port.of(transportOf(port.protocol), port.port));
      if (problem !== undefined) {
        throw new ValidationError(
          source,
          `${at}.calls[${k}]`,
          `service "${service.name}" (${tier} tier) cannot reach "${callee.name}" (${tierOf(callee)} tier) on ${port.protocol === "udp" ? "UDP" : "TCP"} ${port.port}: ${problem}.`,
        );
      }
      if (runsOnKubernetes(service) && !runsOnKubernetes(callee)) {
        if ((kubernetes?.serviceHosts?.[callee.name] ?? []).length === 0) {
          throw new ValidationError(
            source,
            `kubernetes.serviceHosts.${callee.name}`,
            `service "${service.name}" runs on Kubernetes and calls "${callee.name}" on EC2, whose host names the platform does not know; its mesh sidecar reaches only named hosts (REGISTRY_ONLY). Give kubernetes.serviceHosts["${callee.name}"] the DNS names it is called by.`,
          );
        }
        if (network.tierCidrs(tierOf(callee)) === undefined) {
          throw new ValidationError(
            source,
            `${at}.calls[${k}]`,
            `service "${service.name}" runs on Kubernetes and calls "${callee.name}" in the ${tierOf(callee)} tier, whose subnet blocks the network does not know (its NetworkPolicy names them); give the imported network subnetCidrs.${tierOf(callee)}.`,
          );
        }
      }
    });
    (service.routes ?? []).forEach((route, k) => {
      if (!gateway) {
        throw new ValidationError(source, `${at}.routes[${k}]`, `service "${service.name}" declares the route ${route.method} ${route.path} but the platform has no gateway; give the platform a gateway (its authorizers and certificates) or remove the routes.`);
      }
      if (tier !== "private") {
        throw new ValidationError(source, `${at}.routes[${k}]`, `service "${service.name}" runs in the ${tier} tier, which the gateway's load balancer in the private tier does not reach; run services with routes in the private tier.`);
      }
      if (typeof route.authorizer === "string") {
        const names = gateway.authorizers.map((a) => a.name);
        if (!names.includes(route.authorizer)) {
          const near = closest(route.authorizer, names);
          throw new ValidationError(
            source,
            `${at}.routes[${k}].authorizer`,
            `service "${service.name}" route ${route.method} ${route.path} names the authorizer "${route.authorizer}", which the gateway does not have; ${near ? `did you mean "${near}"?` : `use one of ${names.map((n) => `"${n}"`).join(", ") || "(none: add authorizers to the gateway)"}.`}`,
          );
        }
      }
    });
    (service.external ?? []).forEach((destination, k) => {
      const port = Port.of(destination.protocol ?? "tcp", destination.port);
      const problem = network.tierPathProblem(tier, "internet", port);
      if (problem !== undefined) {
        throw new ValidationError(source, `${at}.external[${k}]`, `service "${service.name}" cannot reach the external destination "${destination.name}": ${problem}.`);
      }
      (destination.cidrs ?? []).forEach((cidr, n) => {
        const parsed = parseCidr(cidr);
        if (!parsed.ok) throw new ValidationError(source, `${at}.external[${k}].cidrs[${n}]`, `service "${service.name}": "${cidr}" ${parsed.reason}; give the destination's IPv4 blocks, e.g. "203.0.113.0/24".`);
        if (cidr.endsWith("/0")) {
          throw new ValidationError(source, `${at}.external[${k}].cidrs[${n}]`, `service "${service.name}": "${cidr}" is the whole internet; leave cidrs out to declare that (it is recorded with the reason), or give the destination's own blocks.`);
        }
      });
    });
  });
}

/** What the Kubernetes stack needs of the platform, derived from the declaration and the network. */
function kubernetesView(cluster: IServiceCluster, props: ServicePlatformProps, services: ReadonlyMap<string, Service>, edges: readonly GraphEdge[]): PlatformKubernetes {
  const network = props.network;
  const workloads: KubernetesWorkload[] = [];
  for (const d of props.services) {
    if (d.runtime.kind !== "kubernetes") continue;
    const r = d.runtime;
    const firstProbe = d.ports.find((p) => p.protocol === "http") ?? d.ports.find((p) => p.protocol !== "udp");
    workloads.push({
      service: d.name,
      namespace: r.namespace ?? d.name,
      image: r.image,
      ports: d.ports.map((p) => ({ name: p.name, port: p.port, protocol: p.protocol })),
      ...(r.replicas !== undefined ? { replicas: r.replicas } : {}),
      ...(r.runAsUser !== undefined ? { runAsUser: r.runAsUser } : {}),
      ...(r.cpu || r.memory
        ? { resources: { cpu: r.cpu ?? DEFAULT_WORKLOAD_RESOURCES.cpu, memory: r.memory ?? DEFAULT_WORKLOAD_RESOURCES.memory } }
        : {}),
      ...(r.env ? { env: { ...r.env } } : {}),
      ...(r.readinessPath !== undefined && firstProbe ? { probes: { readiness: { port: firstProbe.name, ...(firstProbe.protocol === "http" ? { path: r.readinessPath } : {}) } } } : {}),
    });
  }
  const onCluster = new Set(workloads.map((w) => w.service));
  const cidrs: Record<string, string[]> = {};
  const hosts: Record<string, string[]> = {};
  const addHosts = (name: string, list: readonly string[]) => {
    hosts[name] = [...new Set([...(hosts[name] ?? []), ...list])].sort();
  };
  for (const e of edges) {
    if (!onCluster.has(e.from) || e.kind !== "service" || onCluster.has(e.to)) continue;
    const callee = services.get(e.to)!;
    cidrs[e.to] = network.tierCidrs(callee.tier) ?? [];
    addHosts(e.to, props.kubernetes?.serviceHosts?.[e.to] ?? []);
  }
  for (const d of props.services) {
    if (!onCluster.has(d.name)) continue;
    for (const x of d.external ?? []) addHosts(x.name, x.hosts ?? []);
  }
  // The interface endpoints whose regional name is `<service>.<region>.amazonaws.com` (their private DNS answers it
  // inside the VPC); the ECR endpoints are the kubelet's, outside the mesh.
  const endpoints = [...new Set([...DEFAULT_INTERFACE_ENDPOINTS, ...Object.keys(KNOWN_INTERFACE_ENDPOINT_PREFIXES)])]
    .filter((svc) => !svc.includes(".") && network.interfaceEndpoint(svc) !== undefined)
    .sort()
    .map((svc) => `${svc}.${network.region}.amazonaws.com`);
  if (network.endpointSecurityGroupId !== undefined && endpoints.length > 0) addHosts("vpc-endpoints", endpoints);
  return { cluster, workloads, cidrs, vpcCidr: network.vpcCidr, destinationHosts: hosts };
}
