import { TerraformStack } from "cdktf";
import { AuditBucket } from "../../constructs/audit/audit-bucket";
import { StackEnvironment } from "../../constructs/core";
import { INetwork, SegmentedNetwork } from "../../constructs/network";
import { stackConfig } from "../../policies/gate";
import { ACCOUNT, REGION, newStack } from "../identity/harness";

/** A stack with an AWS provider and its environment set (account {@link ACCOUNT}, region {@link REGION} unless given). */
export function environmentStack(id = "detection", region = REGION): TerraformStack {
  const stack = newStack(id);
  StackEnvironment.set(stack, { accountId: ACCOUNT, region });
  return stack;
}

/** A stack with an audit bucket "bucket", for the parts that deliver to one. */
export function stackWithBucket(id = "detection", region = REGION): { stack: TerraformStack; bucket: AuditBucket } {
  const stack = environmentStack(id, region);
  return { stack, bucket: new AuditBucket(stack, "bucket") };
}

/** The `"//"` suppressions recorded on every resource of `type` in the stack's synthesized JSON (aspects run), by resource name. */
export function suppressionsOf(stack: TerraformStack, type: string): Record<string, unknown> {
  const json = stackConfig(stack) as { resource: Record<string, Record<string, { "//"?: { ztb?: { suppressions?: unknown } } }>> };
  return Object.fromEntries(Object.entries(json.resource[type] ?? {}).map(([name, body]) => [name, body["//"]?.ztb?.suppressions]));
}

/** An existing VPC with private subnets, its S3 gateway endpoint and interface endpoints, imported into `stack`. */
export function importedNetwork(stack: TerraformStack): INetwork {
  return SegmentedNetwork.fromNetworkAttributes(stack, "network", {
    vpcId: "vpc-0a1b2c3d4e5f60718",
    vpcCidr: "10.50.0.0/16",
    subnetIds: { private: ["subnet-0a1b2c3d4e5f60711", "subnet-0a1b2c3d4e5f60712"] },
    endpointSecurityGroupId: "sg-0a1b2c3d4e5f60731",
    gatewayEndpoints: { s3: { id: "vpce-0a1b2c3d4e5f60751", prefixListId: "pl-6ea54007" } },
  });
}
