import * as path from "path";
import { ClusterNodeGroupProps } from "../constructs/cluster";
import { NatMode } from "../constructs/network";
import { PlatformGatewayProps, PlatformImagesProps, ServiceCatalog, ServiceDeclaration } from "../constructs/service";

/** The services of the example platform and what they share. */
export interface ServicesConfig {
  /** Roles that administer every service's keys and secrets (never reading a value); the role Terraform deploys with first. */
  readonly adminRoleArns: string[];
  /** The services, as a platform team declares them (or `ServiceCatalog.load` reads them from a catalog file). */
  readonly services: ServiceDeclaration[];
  /**
   * The gateway in front of the services that declare routes.
   *
   * @default - no gateway
   */
  readonly gateway?: PlatformGatewayProps;
  /**
   * DNS names of the EC2 services that services on the cluster call, by service name.
   *
   * @default {}
   */
  readonly serviceHosts?: Readonly<Record<string, readonly string[]>>;
  /**
   * An image repository per service, which only the named CI roles push to.
   *
   * @default - no repositories
   */
  readonly images?: PlatformImagesProps;
}

/** The platform's EKS cluster, for the services whose runtime is `kubernetes`. */
export interface ClusterConfig {
  /** Name of the cluster, a DNS label of at most 24 characters. */
  readonly name: string;
  /** Kubernetes minor version in EKS standard support, e.g. `"1.35"`. */
  readonly kubernetesVersion: string;
  /** Roles granted cluster admin through access entries. */
  readonly admins: string[];
  /** Managed node groups (private tier). */
  readonly nodeGroups: ClusterNodeGroupProps[];
  /** Name of the kubeconfig context the Kubernetes stack is applied with (`aws eks update-kubeconfig` names it after the cluster ARN). */
  readonly kubeconfigContext: string;
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
  /**
   * The EKS cluster the Kubernetes services run on; the Kubernetes stack holds their manifests and mesh settings.
   *
   * @default - no cluster (every service must run on EC2)
   */
  readonly cluster?: ClusterConfig;
  /**
   * The account's detection and audit baseline (CloudTrail, GuardDuty, Security Hub, Config, IAM Access Analyzer, the
   * CIS alarms, a quarantine group), deployed with the platform: one per account and region.
   *
   * @default - no baseline (it lives in another stack of the account)
   */
  readonly securityBaseline?: SecurityBaselineConfig;
}

/** What the example's account baseline needs. */
export interface SecurityBaselineConfig {
  /** Where the security alarms are mailed. */
  readonly alarmEmails: string[];
}

/**
 * The example's services, read from the catalog file `stacks/services.yaml`: `storefront` faces the edge (the gateway
 * fronts it) and calls `catalog` and `orders`; `orders` calls `payments`; `payments` is the only caller of `ledger`, a
 * database in the isolated tier, and reaches its payment provider's API (an external destination) through NAT. On the
 * cluster, `fulfilment` calls `orders` (on EC2) and `shipping`, which reaches its carrier's API.
 */
export const exampleServices: ServiceDeclaration[] = ServiceCatalog.load(path.join(__dirname, "services.yaml")).services;

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
    gateway: {
      name: "shop",
      // Customers sign in with the shop's Cognito user pool; routes name this authorizer and the scopes they need.
      authorizers: [{ name: "customers", kind: "cognito", userPoolArns: ["arn:aws:cognito-idp:eu-west-1:111122223333:userpool/eu-west-1_Example1"] }],
      domain: { domainName: "api.shop.example.com", certificateArn: "arn:aws:acm:eu-west-1:111122223333:certificate/11111111-2222-3333-4444-555555555555" },
      // The private integration's TLS listeners present this certificate; API Gateway verifies it against the name.
      backendCertificateArn: "arn:aws:acm:eu-west-1:111122223333:certificate/66666666-7777-8888-9999-000000000000",
      backendServerName: "services.internal.shop.example.com",
      keyAdminRoleArns: ["arn:aws:iam::111122223333:role/platform-deployer"],
    },
    // Services on the cluster reach orders (on EC2) by this name.
    serviceHosts: { orders: ["orders.internal.shop.example.com"] },
    // One repository per service; the pipeline's role is the only one that pushes.
    images: { pushRoleArns: ["arn:aws:iam::111122223333:role/ci-image-publisher"] },
  },
  securityBaseline: { alarmEmails: ["security-alerts@example.com"] },
  cluster: {
    name: "zt-platform",
    kubernetesVersion: "1.35",
    admins: ["arn:aws:iam::111122223333:role/platform-admin"],
    nodeGroups: [{ name: "general", instanceTypes: ["m7i.large"], minSize: 2, maxSize: 4 }],
    kubeconfigContext: "arn:aws:eks:eu-west-1:111122223333:cluster/zt-platform",
  },
};
