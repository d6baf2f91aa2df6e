import { Construct } from "constructs";
import { HardenedHost } from "../compute/hardened-host";
import { Connections, IConnectable } from "../core/connections";
import { ValidationError, sourceOf } from "../core/errors";
import { Port } from "../core/port";
import { ServiceIdentity } from "../identity/service-identity";
import { INetwork } from "../network/network";
import { ServiceSecrets } from "../secrets/service-secrets";
import { transportOf } from "../../policies/shared/service-graph";
import { ServiceDeclaration, ServicePortDeclaration } from "./declaration";

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
}

/**
 * One service of a platform: its identity (an IAM role for EC2 with an instance profile), its secrets (readable by that
 * identity only, through the network's Secrets Manager endpoint), and its hosts (a HardenedHost auto scaling group whose
 * security group starts empty). Paths between services are opened by the platform from the declared calls; use
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
  /** The service's hosts. */
  public readonly hosts: HardenedHost;
  /** The security group rules of the service's hosts. */
  public readonly connections: Connections;
  /** Tier the hosts run in. */
  public readonly tier: "private" | "isolated";

  constructor(scope: Construct, id: string, props: ServiceProps) {
    super(scope, id);
    const { declaration, network } = props;
    const runtime = declaration.runtime;
    this.serviceName = declaration.name;
    this.declaration = declaration;
    this.tier = runtime.tier ?? "private";
    this.identity = new ServiceIdentity(this, "identity", {
      serviceName: declaration.name,
      trust: { kind: "ec2" },
      accountId: network.accountId,
      region: network.region,
      description: `Identity of the ${declaration.name} service's hosts`,
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
