import { NatMode } from "../constructs/network";
import { ServiceRotation, ServicesConfig } from "./services";

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
function rotationOf(service: string): ServiceRotation {
  return {
    lambdaArn: `arn:aws:lambda:eu-west-1:111122223333:function:zt-secret-rotation-${service}`,
    lambdaRoleArn: `arn:aws:iam::111122223333:role/zt-secret-rotation-${service}`,
  };
}

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
    services: [
      { name: "orders", amiId: "ami-0abcdef1234567890", port: 8443, secrets: ["db-password"], calls: ["payments"], rotation: rotationOf("orders") },
      { name: "payments", amiId: "ami-0abcdef1234567890", port: 8443, secrets: ["db-password", "psp-api-key"], rotation: rotationOf("payments") },
    ],
  },
};
