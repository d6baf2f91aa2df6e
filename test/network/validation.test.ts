import { NatMode, SegmentedNetworkProps } from "../../constructs/network";
import { ValidationError } from "../../constructs/core";
import { BASE_PROPS, buildNetwork } from "./fixtures";

/** The error `fn` throws. */
function thrownBy(fn: () => unknown): ValidationError {
  try {
    fn();
  } catch (error) {
    return error as ValidationError;
  }
  throw new Error("expected an error");
}

/** The prop a message is about: its first word, or for the two whole-network problems the prop to change. */
function propNamedBy(message: string): string {
  if (message.startsWith("the subnets do not fit")) return "cidr";
  if (message.startsWith("the private tier's NACL")) return "naclRuleLimit";
  return /^[A-Za-z.]+/.exec(message)![0];
}

const PUBLIC = { public: { enabled: true } };
const SEVEN_ZONES = ["a", "b", "c", "d", "e", "f", "g"].map((letter) => `eu-west-1${letter}`);
const ELEVEN_PORTS = [5432, 3306, 6379, 443, 9200, 9300, 27017, 11211, 5672, 8182, 1521];

const cases: [string, Partial<SegmentedNetworkProps>, string][] = [
  [
    "a name that is not a DNS label",
    { name: "Net_1" },
    'name "Net_1" is not a DNS label of at most 32 characters; use lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen.',
  ],
  [
    "a name longer than 32 characters",
    { name: "a".repeat(33) },
    `name "${"a".repeat(33)}" is not a DNS label of at most 32 characters; use lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen.`,
  ],
  [
    "an account id that is not 12 digits",
    { accountId: "12345" },
    'accountId "12345" is not an AWS account id; pass the twelve digits, e.g. "123456789012".',
  ],
  ["a malformed region", { region: "Ireland" }, 'region "Ireland" is not an AWS region name; pass one such as "eu-west-1".'],
  [
    "a region in an unsupported partition",
    { region: "cn-north-1", availabilityZones: ["cn-north-1a", "cn-north-1b"] },
    'region "cn-north-1" is in a partition this construct does not support; use a commercial or GovCloud (US) region.',
  ],
  ["a malformed cidr", { cidr: "10.0.0/16" }, 'cidr "10.0.0/16" is not an IPv4 CIDR block in the form a.b.c.d/n; use a block like "10.0.0.0/16".'],
  ["a cidr with an octet above 255", { cidr: "10.300.0.0/16" }, 'cidr "10.300.0.0/16" has an octet above 255; use a block like "10.0.0.0/16".'],
  [
    "a cidr with host bits set",
    { cidr: "10.0.0.1/16" },
    'cidr "10.0.0.1/16" has host bits set; the block containing it is 10.0.0.0/16; use a block like "10.0.0.0/16".',
  ],
  [
    "a cidr larger than /16",
    { cidr: "10.0.0.0/15" },
    'cidr "10.0.0.0/15" has prefix /15; use a prefix from /16 to /24, the sizes AWS allows for a VPC.',
  ],
  [
    "a cidr smaller than /24",
    { cidr: "10.0.0.0/25" },
    'cidr "10.0.0.0/25" has prefix /25; use a prefix from /16 to /24, the sizes AWS allows for a VPC.',
  ],
  [
    "fewer than 2 availability zones",
    { availabilityZones: ["eu-west-1a"] },
    "availabilityZones has 1 zone(s); list at least 2 zones so every tier survives the loss of one.",
  ],
  ["more than 6 availability zones", { availabilityZones: SEVEN_ZONES }, "availabilityZones has 7 zones; list at most 6 zones."],
  [
    "a duplicate availability zone",
    { availabilityZones: ["eu-west-1a", "eu-west-1b", "eu-west-1a"] },
    'availabilityZones contains "eu-west-1a" twice; list each zone once.',
  ],
  [
    "an availability zone of another region",
    { availabilityZones: ["eu-west-1a", "us-east-1a"] },
    'availabilityZones entry "us-east-1a" is not a zone of region "eu-west-1"; use zone names of that region, like "eu-west-1a".',
  ],
  ["an unknown NAT mode", { natGateways: "double" as NatMode }, 'natGateways is "double"; use "none", "single" or "perAz".'],
  [
    "a single NAT gateway without the public tier",
    { natGateways: "single" },
    'natGateways "single" needs the public tier; set tiers.public.enabled to true or natGateways to "none".',
  ],
  [
    "per-zone NAT gateways with the public tier turned off",
    { natGateways: "perAz", tiers: { public: { enabled: false } } },
    'natGateways "perAz" needs the public tier; set tiers.public.enabled to true or natGateways to "none".',
  ],
  [
    "HTTP ingress without the public tier",
    { allowHttpIngress: true },
    "allowHttpIngress needs the public tier; set tiers.public.enabled to true or remove allowHttpIngress.",
  ],
  [
    "internet egress ports without NAT",
    { tiers: PUBLIC, internetEgressPorts: [443, 80] },
    'internetEgressPorts is set but there are no NAT gateways; set natGateways to "single" or "perAz", or remove internetEgressPorts.',
  ],
  [
    "an invalid internet egress port",
    { tiers: PUBLIC, natGateways: "single", internetEgressPorts: [0] },
    "internetEgressPorts contains 0; use TCP ports from 1 to 65535.",
  ],
  [
    "data ports without the isolated tier",
    { dataPorts: [5432], tiers: { isolated: { enabled: false } } },
    "dataPorts is set but the isolated tier is disabled; enable the isolated tier or remove dataPorts.",
  ],
  ["a data port out of range", { dataPorts: [5432, 70000] }, "dataPorts contains 70000; use TCP ports from 1 to 65535."],
  ["a duplicate data port", { dataPorts: [5432, 5432] }, "dataPorts contains 5432 twice; list each port once."],
  [
    "a retention CloudWatch Logs does not accept",
    { flowLogRetentionDays: 100 },
    "flowLogRetentionDays is 100; use one of the values CloudWatch Logs accepts: 0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653.",
  ],
  ["a NACL rule limit above the AWS maximum", { naclRuleLimit: 41 }, "naclRuleLimit is 41; use an integer from 1 to 40, the most AWS allows per NACL direction."],
  [
    "a reserved tag key",
    { tags: { Name: "mine" } },
    'tags sets the reserved key "Name"; remove it; Name, zt:tier, managed-by are set by the construct and aws: keys belong to AWS.',
  ],
  [
    "an aws: tag key",
    { tags: { "aws:owner": "me" } },
    'tags sets the reserved key "aws:owner"; remove it; Name, zt:tier, managed-by are set by the construct and aws: keys belong to AWS.',
  ],
  [
    "an interface endpoint name that is not a service name",
    { interfaceEndpoints: ["ECR API"] },
    'interfaceEndpoints entry "ECR API" is not a service name; use the part after "com.amazonaws.<region>.", like "ecr.api".',
  ],
  [
    "an interface endpoint for a gateway service",
    { interfaceEndpoints: ["s3"] },
    'interfaceEndpoints contains "s3"; remove it; s3 and dynamodb are always served by gateway endpoints.',
  ],
  ["a duplicate interface endpoint", { interfaceEndpoints: ["sts", "sts"] }, 'interfaceEndpoints contains "sts" twice; list each service once.'],
  [
    "an interface endpoint without a known action prefix",
    { interfaceEndpoints: ["bedrock-runtime"] },
    'interfaceEndpoints entry "bedrock-runtime" has no known IAM action prefix; pass { service: "bedrock-runtime", actionPrefix: "<iam prefix>" } instead.',
  ],
  [
    "a custom interface endpoint with an invalid action prefix",
    { interfaceEndpoints: [{ service: "bedrock-runtime", actionPrefix: "bedrock:*" }] },
    'interfaceEndpoints entry "bedrock-runtime" has actionPrefix "bedrock:*"; use a bare IAM service prefix like "cloudwatch".',
  ],
  [
    "addressing for a disabled tier",
    { tiers: { public: { subnetPrefix: 24 } } },
    "tiers.public sets addressing but the tier is disabled; set tiers.public.enabled to true or remove the addressing.",
  ],
  [
    "both subnetPrefix and cidrs",
    { tiers: { private: { subnetPrefix: 24, cidrs: ["10.0.0.0/24", "10.0.1.0/24", "10.0.2.0/24"] } } },
    "tiers.private sets both subnetPrefix and cidrs; set only one of them.",
  ],
  [
    "a subnetPrefix smaller than /28",
    { tiers: { private: { subnetPrefix: 29 } } },
    "tiers.private.subnetPrefix is 29; use an integer from 17 (half of the VPC /16) to 28 (the smallest subnet AWS allows).",
  ],
  [
    "a subnetPrefix as large as the VPC",
    { tiers: { isolated: { subnetPrefix: 16 } } },
    "tiers.isolated.subnetPrefix is 16; use an integer from 17 (half of the VPC /16) to 28 (the smallest subnet AWS allows).",
  ],
  [
    "cidrs with the wrong count",
    { tiers: { private: { cidrs: ["10.0.0.0/24"] } } },
    "tiers.private.cidrs has 1 entries for 3 availability zones; give exactly one CIDR block per availability zone, in the same order.",
  ],
  [
    "a malformed subnet cidr",
    { tiers: { private: { cidrs: ["10.0.0.0/24", "10.0.1.0", "10.0.2.0/24"] } } },
    'tiers.private.cidrs entry "10.0.1.0" is not an IPv4 CIDR block in the form a.b.c.d/n; use a block like "10.0.1.0/24".',
  ],
  [
    "a subnet cidr smaller than /28",
    { tiers: { private: { cidrs: ["10.0.0.0/24", "10.0.1.0/29", "10.0.2.0/24"] } } },
    'tiers.private.cidrs entry "10.0.1.0/29" is smaller than /28; use a prefix of /28 or shorter; AWS allows no smaller subnet.',
  ],
  [
    "a subnet cidr outside the VPC",
    { tiers: { private: { cidrs: ["10.0.0.0/24", "10.1.1.0/24", "10.0.2.0/24"] } } },
    'tiers.private.cidrs entry "10.1.1.0/24" is not inside the VPC CIDR 10.0.0.0/16; pick a smaller block from the VPC range.',
  ],
  [
    "overlapping subnet cidrs within a tier",
    { tiers: { private: { cidrs: ["10.0.0.0/23", "10.0.1.0/24", "10.0.2.0/24"] } } },
    'tiers.private.cidrs entry "10.0.1.0/24" overlaps "10.0.0.0/23" of the private tier; give every subnet its own block.',
  ],
  [
    "overlapping subnet cidrs across tiers",
    {
      tiers: {
        private: { cidrs: ["10.0.0.0/24", "10.0.1.0/24", "10.0.2.0/24"] },
        isolated: { cidrs: ["10.0.3.0/24", "10.0.4.0/24", "10.0.2.128/25"] },
      },
    },
    'tiers.isolated.cidrs entry "10.0.2.128/25" overlaps "10.0.2.0/24" of the private tier; give every subnet its own block.',
  ],
  [
    "subnets that do not fit in the VPC",
    { cidr: "10.0.0.0/24", tiers: { private: { subnetPrefix: 25 } } },
    "the subnets do not fit in 10.0.0.0/24: at least 3 x /25 (private), 3 x /28 (isolated) are needed and 256 addresses are free; use a larger VPC cidr, longer subnetPrefix values, fewer tiers or fewer availability zones.",
  ],
  [
    "more NACL rules than the limit",
    { dataPorts: ELEVEN_PORTS },
    "the private tier's NACL needs 26 egress rules but naclRuleLimit is 20; declare fewer dataPorts or internetEgressPorts, use tier cidrs that summarize into fewer blocks, or raise the \"Rules per network ACL\" quota and naclRuleLimit.",
  ],
];

describe("SegmentedNetwork validation", () => {
  it.each(cases)("rejects %s", (_title, overrides, message) => {
    const error = thrownBy(() => buildNetwork(overrides));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.message).toBe(`SegmentedNetwork "net": ${message}`);
    expect(error.prop).toBe(propNamedBy(message));
    expect(error.path).toBe("test/net");
  });

  it("accepts the same rule count once naclRuleLimit is raised", () => {
    expect(() => buildNetwork({ dataPorts: ELEVEN_PORTS, naclRuleLimit: 40 })).not.toThrow();
  });

  it("accepts the base properties", () => {
    expect(() => buildNetwork({ ...BASE_PROPS })).not.toThrow();
  });
});
