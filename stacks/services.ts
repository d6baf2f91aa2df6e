import { Construct } from "constructs";
import { HardenedHost } from "../constructs/compute";
import { Port } from "../constructs/core";
import { ServiceIdentity } from "../constructs/identity";
import { SegmentedNetwork } from "../constructs/network";
import { ServiceSecrets } from "../constructs/secrets";

/** One service of the example platform. */
export interface ServiceSpec {
  /** Service name, a DNS label of at most 32 characters. */
  readonly name: string;
  /** Pinned AMI id of the service's hosts. */
  readonly amiId: string;
  /** TCP port the service listens on. */
  readonly port: number;
  /** Names of the service's secrets (`<service>/<name>`), all rotated by the service's rotation function. */
  readonly secrets: string[];
  /** Rotation function of the service's secrets and the role it runs as; no other service shares the role. */
  readonly rotation: ServiceRotation;
  /**
   * Services this one calls, by name; each admits this one's hosts on its port.
   *
   * @default []
   */
  readonly calls?: string[];
  /**
   * EC2 instance type of the hosts.
   *
   * @default "t3.micro"
   */
  readonly instanceType?: string;
}

/** The rotation function of one service's secrets. */
export interface ServiceRotation {
  /** ARN of the Lambda function that rotates the service's secrets. */
  readonly lambdaArn: string;
  /** ARN of the role the function runs as, used by this service's rotation only. */
  readonly lambdaRoleArn: string;
}

/** The services of the example platform and what they share. */
export interface ServicesConfig {
  /** Roles that administer every service's keys and secrets (never reading a value); the role Terraform deploys with first. */
  readonly adminRoleArns: string[];
  /** The services. */
  readonly services: ServiceSpec[];
}

/** The constructs of one platform service. */
export interface PlatformService {
  /** The service's role and instance profile. */
  readonly identity: ServiceIdentity;
  /** The service's key and secrets. */
  readonly secrets: ServiceSecrets;
  /** The service's auto scaling host group. */
  readonly hosts: HardenedHost;
}

/**
 * Adds every service to `scope` (in a stack with a `StackEnvironment`): an EC2 identity, secrets only that identity reads (through the network's
 * Secrets Manager endpoint), and a host group in the private tier. A service's hosts reach another's only
 * when its spec lists the other in `calls`, on the other's port.
 */
export function addServices(scope: Construct, network: SegmentedNetwork, config: ServicesConfig): Map<string, PlatformService> {
  const ports = new Map(config.services.map((spec) => [spec.name, spec.port]));
  for (const spec of config.services) {
    for (const callee of spec.calls ?? []) {
      if (!ports.has(callee)) {
        throw new Error(`services: "${spec.name}" calls "${callee}", which is not a service; add it to services or remove it from calls.`);
      }
    }
  }
  const services = new Map<string, PlatformService>();
  for (const spec of config.services) {
    const group = new Construct(scope, spec.name);
    const identity = new ServiceIdentity(group, "identity", {
      serviceName: spec.name,
      trust: { kind: "ec2" },
    });
    const secrets = new ServiceSecrets(group, "secrets", {
      identity,
      network,
      adminRoleArns: config.adminRoleArns,
      secrets: spec.secrets.map((name) => ({
        name,
        rotation: { lambdaArn: spec.rotation.lambdaArn, lambdaRoleArn: spec.rotation.lambdaRoleArn },
      })),
    });
    secrets.grantRead(identity);
    const hosts = new HardenedHost(group, "app", { identity, network, amiId: spec.amiId, instanceType: spec.instanceType, defaultPort: Port.tcp(spec.port) });
    services.set(spec.name, { identity, secrets, hosts });
  }
  for (const spec of config.services) {
    for (const callee of spec.calls ?? []) {
      // On the callee's default port: an egress rule on the caller's group and an ingress rule on the callee's.
      services.get(spec.name)!.hosts.connections.allowTo(services.get(callee)!.hosts, undefined, `${spec.name} calls ${callee}`);
    }
  }
  return services;
}
