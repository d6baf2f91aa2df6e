import { Construct } from "constructs";
import { HardenedHost } from "../compute/hardened-host";
import { Connections, IConnectable } from "../core/connections";
import { ValidationError, sourceOf } from "../core/errors";
import { Port } from "../core/port";
import { IServiceIdentity, ServiceIdentity } from "../identity/service-identity";
import { INetwork } from "../network/network";
import { ServiceSecrets } from "../secrets/service-secrets";
import { ImageRepository } from "../supply-chain/image-repository";
import { transportOf } from "../../policies/shared/service-graph";
import { runsOnKubernetes, tierOf } from "./check";
import { ServiceDeclaration, ServicePortDeclaration } from "./declaration";

/**
 * The EKS cluster a platform's Kubernetes services run on, as the platform uses it (a {@link HardenedCluster} is one):
 * its ARN for the identities' trust, its node security group (pods use their nodes' network interfaces), and Pod
 * Identity associations.
 */
export interface IServiceCluster {
  /** Name of the cluster. */
  readonly clusterName: string;
  /** ARN of the cluster: the only cluster whose pods may take the services' roles. */
  readonly clusterArn: string;
  /** Paths of the node security group, which every pod of the cluster uses. */
  readonly nodeConnections: Connections;
  /** Role of the cluster's nodes, whose kubelet pulls the pods' images. */
  readonly nodeRole: {
    /** ARN of the role. */
    readonly arn: string;
  };
  /** Lets pods running as `namespace/serviceAccount` take `identity`'s role through EKS Pod Identity. */
  podIdentity(namespace: string, serviceAccount: string, identity: IServiceIdentity): unknown;
}

/** The image repository of a service, as a {@link ServicePlatform} asks for it. */
export interface ServiceImagesProps {
  /** Name of the repository. */
  readonly repositoryName: string;
  /** ARNs of the CI roles that push images. */
  readonly pushRoleArns: string[];
}

/** Where a Kubernetes service runs: its cluster, namespace and ServiceAccount. */
export interface ServiceKubernetesPlacement {
  /** The cluster. */
  readonly cluster: IServiceCluster;
  /** Namespace of the service's team. */
  readonly namespace: string;
  /** The service's own ServiceAccount (its name), which its Pod Identity association and mesh principal name. */
  readonly serviceAccount: string;
}

/** Properties of a {@link Service}; a {@link ServicePlatform} makes them from a declaration. */
export interface ServiceProps {
  /** The declaration of the service (already checked by the platform). */
  readonly declaration: ServiceDeclaration;
  /** The network the service runs in. */
  readonly network: INetwork;
  /** Roles that administer the service's keys and secrets without reading a value. */
  readonly adminRoleArns: string[];
  /**
   * Extra tags for the service's resources.
   *
   * @default {}
   */
  readonly tags?: Record<string, string>;
  /**
   * The cluster a service with a `kubernetes` runtime runs on.
   *
   * @default - none (only EC2 services)
   */
  readonly cluster?: IServiceCluster;
  /**
   * An image repository of the service's own.
   *
   * @default - none
   */
  readonly images?: ServiceImagesProps;
}

/**
 * One service of a platform: its identity, its secrets (readable by that identity only, through the network's Secrets
 * Manager endpoint), and where it runs. On EC2: an IAM role with an instance profile and a HardenedHost auto scaling
 * group whose security group starts empty. On Kubernetes: a role that only the cluster's pods may take, associated with
 * the service's own ServiceAccount through EKS Pod Identity; its pods use the cluster's node security group, so
 * {@link connections} are the nodes' (the Kubernetes stack's NetworkPolicies and mesh policies narrow them to the
 * service's pods). Paths between services are opened by the platform from the declared calls; use
 * {@link Service.connections} only for peers the declaration does not know, and expect the pack's service-graph rules
 * to report what the declaration does not hold.
 */
export class Service extends Construct implements IConnectable {
  /** Name of the service. */
  public readonly serviceName: string;
  /** The declaration the service was made from. */
  public readonly declaration: ServiceDeclaration;
  /** The service's identity. */
  public readonly identity: ServiceIdentity;
  /** The service's key and secrets; undefined when it declares no secret. */
  public readonly secrets?: ServiceSecrets;
  /** The service's hosts; undefined for a service on Kubernetes. */
  public readonly hosts?: HardenedHost;
  /** The service's image repository; undefined unless the platform asks for repositories. */
  public readonly images?: ImageRepository;
  /** Where the service runs on Kubernetes; undefined for a service on EC2. */
  public readonly kubernetes?: ServiceKubernetesPlacement;
  /** The security group rules of the service's hosts, or of the cluster's nodes for a service on Kubernetes. */
  public readonly connections: Connections;
  /** Tier the hosts (or the cluster's nodes) run in. */
  public readonly tier: "private" | "isolated";

  constructor(scope: Construct, id: string, props: ServiceProps) {
    super(scope, id);
    const { declaration, network } = props;
    this.serviceName = declaration.name;
    this.declaration = declaration;
    this.tier = tierOf(declaration);
    const cluster = runsOnKubernetes(declaration) ? props.cluster : undefined;
    if (runsOnKubernetes(declaration) && cluster === undefined) {
      throw new ValidationError(sourceOf("Service", this), "cluster", `service "${declaration.name}" runs on Kubernetes; give the platform its cluster (kubernetes.cluster).`);
    }
    this.identity = new ServiceIdentity(this, "identity", {
      serviceName: declaration.name,
      trust: cluster ? { kind: "eks-pod-identity", clusterArn: cluster.clusterArn } : { kind: "ec2" },
      accountId: network.accountId,
      region: network.region,
      description: `Identity of the ${declaration.name} service's ${cluster ? "pods" : "hosts"}`,
      tags: props.tags,
    });
    const secrets = declaration.secrets ?? [];
    if (secrets.length > 0) {
      const rotation = declaration.rotation!;
      this.secrets = new ServiceSecrets(this, "secrets", {
        identity: this.identity,
        network,
        adminRoleArns: props.adminRoleArns,
        tags: props.tags,
        secrets: secrets.map((s) => ({
          name: s.name,
          description: s.description,
          rotation: { lambdaArn: rotation.lambdaArn, lambdaRoleArn: rotation.lambdaRoleArn, scheduleDays: rotation.scheduleDays },
        })),
      });
      this.secrets.grantRead(this.identity);
    }
    if (props.images !== undefined) {
      this.images = new ImageRepository(this, "images", {
        name: props.images.repositoryName,
        pushRoleArns: props.images.pushRoleArns,
        accountId: network.accountId,
        region: network.region,
        ...(this.secrets ? { encryptionKey: this.secrets.key } : { keyAdminRoleArns: props.adminRoleArns }),
        tags: props.tags,
      });
      if (cluster) this.images.grantPullToNodes(cluster);
      else this.images.grantPull(this.identity);
    }
    const runtime = declaration.runtime;
    if (runtime.kind === "kubernetes") {
      const placement = { cluster: cluster!, namespace: runtime.namespace ?? declaration.name, serviceAccount: declaration.name };
      placement.cluster.podIdentity(placement.namespace, placement.serviceAccount, this.identity);
      this.kubernetes = placement;
      this.connections = placement.cluster.nodeConnections;
      return;
    }
    const ports = declaration.ports ?? [];
    this.hosts = new HardenedHost(this, "hosts", {
      identity: this.identity,
      network,
      amiId: runtime.amiId,
      instanceType: runtime.instanceType,
      subnetTier: this.tier,
      minSize: runtime.minSize,
      maxSize: runtime.maxSize,
      defaultPort: ports.length === 1 ? portOf(ports[0]) : undefined,
      keyAdminRoleArns: props.adminRoleArns,
      tags: props.tags,
    });
    this.connections = this.hosts.connections;
  }

  /** The port named `name` of this service, as a security group port. */
  public port(name: string): Port {
    const port = (this.declaration.ports ?? []).find((p) => p.name === name);
    if (!port) {
      const names = (this.declaration.ports ?? []).map((p) => `"${p.name}"`).join(", ") || "none";
      throw new ValidationError(sourceOf("Service", this), "name", `declares no port "${name}" (its ports: ${names}); name one of them.`);
    }
    return portOf(port);
  }
}

/** The transport port of a declared port. */
export function portOf(port: ServicePortDeclaration): Port {
  return Port.of(transportOf(port.protocol), port.port);
}
