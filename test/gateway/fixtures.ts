import { TerraformStack } from "cdktf";
import { HardenedHost } from "../../constructs/compute";
import { Port, StackEnvironment } from "../../constructs/core";
import { ServiceIdentity } from "../../constructs/identity";
import { SegmentedNetwork } from "../../constructs/network";
import { AMI } from "../compute/fixtures";
import { ACCOUNT, REGION, newStack } from "../identity/harness";

/** Port the fixture's services listen on. */
export const SERVICE_PORT = Port.tcp(8443);

/** ACM certificate of the private integration's TLS listeners. */
export const BACKEND_CERT = `arn:aws:acm:${REGION}:${ACCOUNT}:certificate/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d`;
/** ACM certificate of the gateway's custom domain. */
export const DOMAIN_CERT = `arn:aws:acm:${REGION}:${ACCOUNT}:certificate/1a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d`;
/** Cognito user pool whose tokens the gateway accepts. */
export const USER_POOL = `arn:aws:cognito-idp:${REGION}:${ACCOUNT}:userpool/${REGION}_AbCdEf123`;
/** Lambda REQUEST authorizer function. */
export const AUTHORIZER_FUNCTION = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:gateway-authorizer`;
/** Role that administers the gateway's keys. */
export const KEY_ADMIN = `arn:aws:iam::${ACCOUNT}:role/platform-deployer`;

/** PEM text of a truststore for mutual TLS, as a caller passes it (Terraform stores it; only AWS parses it, at apply). */
export const TRUSTSTORE_PEM = [
  "-----BEGIN CERTIFICATE-----",
  "MIIBszCCAVmgAwIBAgIUQ2xpZW50Q0FGaXh0dXJlT25seTAKBggqhkjOPQQDAjAa",
  "MRgwFgYDVQQDDA9wYXJ0bmVyLWNsaWVudHMwHhcNMjYwMTAxMDAwMDAwWhcNMzYw",
  "MTAxMDAwMDAwWjAaMRgwFgYDVQQDDA9wYXJ0bmVyLWNsaWVudHMwWTATBgcqhkjO",
  "-----END CERTIFICATE-----",
  "",
].join("\n");

/** A stack with its environment, a two-zone network and two host groups ("orders", "catalog") a gateway can target. */
export interface GatewayFixture {
  /** The stack (AWS provider and StackEnvironment set). */
  readonly stack: TerraformStack;
  /** The network, private and isolated tiers. */
  readonly network: SegmentedNetwork;
  /** Hosts of the "orders" service, default port {@link SERVICE_PORT}. */
  readonly orders: HardenedHost;
  /** Hosts of the "catalog" service, default port {@link SERVICE_PORT}. */
  readonly catalog: HardenedHost;
}

/** Builds the {@link GatewayFixture} in a fresh stack named `id`. */
export function gatewayStack(id = "gateway"): GatewayFixture {
  const stack = newStack(id);
  StackEnvironment.set(stack, { accountId: ACCOUNT, region: REGION });
  const network = new SegmentedNetwork(stack, "network", {
    name: "edge",
    cidr: "10.60.0.0/16",
    availabilityZones: ["eu-west-1a", "eu-west-1b"],
  });
  const hosts = (service: string) => {
    const identity = new ServiceIdentity(stack, `${service}-identity`, { serviceName: service, trust: { kind: "ec2" } });
    return new HardenedHost(stack, service, { identity, network, amiId: AMI, defaultPort: SERVICE_PORT, keyAdminRoleArns: [KEY_ADMIN] });
  };
  return { stack, network, orders: hosts("orders"), catalog: hosts("catalog") };
}
