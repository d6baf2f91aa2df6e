import { NatMode } from "../constructs/network";
import { ServiceDeclaration, ServiceRotationDeclaration } from "../constructs/service";

/** The services of the example platform and what they share. */
export interface ServicesConfig {
  /** Roles that administer every service's keys and secrets (never reading a value); the role Terraform deploys with first. */
  readonly adminRoleArns: string[];
  /** The services, as a platform team declares them (or `ServiceCatalog.load` reads them from a catalog file). */
  readonly services: ServiceDeclaration[];
}

/** Settings of the example platform. */
export interface PlatformConfig {
  /** Name prefix of the platform's resources; a DNS label of at most 32 characters. */
  readonly name: string;
  /** Twelve-digit AWS account id the platform is deployed to. */
  readonly accountId: string;
  /** AWS region of the platform. */
  readonly region: string;
  /** Availability zones of `region` to spread the network over. */
  readonly availabilityZones: string[];
  /** IPv4 CIDR block of the VPC, /16 to /24. */
  readonly cidr: string;
  /** NAT gateways of the private tier. */
  readonly natGateways: NatMode;
  /**
   * Tags every AWS resource gets through the provider's default_tags.
   *
   * @default {}
   */
  readonly defaultTags?: Record<string, string>;
  /**
   * Services deployed on the platform, each with its identity, secrets and hosts.
   *
   * @default - no services
   */
  readonly services?: ServicesConfig;
}

/** The rotation function of one service of the example platform, with a role of its own. */
export function rotationOf(service: string): ServiceRotationDeclaration {
  return {
    lambdaArn: `arn:aws:lambda:eu-west-1:111122223333:function:zt-secret-rotation-${service}`,
    lambdaRoleArn: `arn:aws:iam::111122223333:role/zt-secret-rotation-${service}`,
  };
}

const AMI = "ami-0abcdef1234567890";

/**
 * The example's services: `storefront` faces the edge (the gateway fronts it) and calls `catalog` and `orders`;
 * `orders` calls `payments`; `payments` is the only caller of `ledger`, a database in the isolated tier, and reaches
 * its payment provider's API (an external destination) through NAT.
 */
export const exampleServices: ServiceDeclaration[] = [
  {
    name: "storefront",
    ports: [{ name: "https", port: 8443, protocol: "http" }],
    runtime: { kind: "ec2", amiId: AMI },
    calls: [
      { service: "catalog", port: "https", methods: ["GET"], paths: ["/products"] },
      { service: "orders", port: "https", methods: ["GET", "POST"], paths: ["/orders"] },
    ],
    secrets: [{ name: "session-key", description: "Signs the storefront's session cookies" }],
    rotation: rotationOf("storefront"),
  },
  {
    name: "catalog",
    ports: [{ name: "https", port: 8443, protocol: "http" }],
    runtime: { kind: "ec2", amiId: AMI },
  },
  {
    name: "orders",
    ports: [{ name: "https", port: 8443, protocol: "http" }],
    runtime: { kind: "ec2", amiId: AMI },
    calls: [{ service: "payments", port: "grpc" }],
    secrets: [{ name: "db-password" }],
    rotation: rotationOf("orders"),
  },
  {
    name: "payments",
    ports: [{ name: "grpc", port: 9443, protocol: "grpc" }],
    runtime: { kind: "ec2", amiId: AMI },
    calls: [{ service: "ledger", port: "postgres" }],
    secrets: [{ name: "db-password" }, { name: "psp-api-key" }],
    rotation: rotationOf("payments"),
    external: [{ name: "psp", port: 443, cidrs: ["198.51.100.0/24"], reason: "card payments go to the payment provider's API, which has no private endpoint" }],
  },
  {
    name: "ledger",
    ports: [{ name: "postgres", port: 5432, protocol: "tcp" }],
    runtime: { kind: "ec2", amiId: AMI, tier: "isolated" },
    secrets: [{ name: "admin-password" }],
    rotation: rotationOf("ledger"),
  },
];

/** The example platform: three availability zones in eu-west-1. */
export const platformConfig: PlatformConfig = {
  name: "zt-platform",
  accountId: "111122223333",
  region: "eu-west-1",
  availabilityZones: ["eu-west-1a", "eu-west-1b", "eu-west-1c"],
  cidr: "10.20.0.0/16",
  natGateways: "perAz",
  defaultTags: { environment: "example" },
  services: {
    adminRoleArns: ["arn:aws:iam::111122223333:role/platform-deployer"],
    services: exampleServices,
  },
};
