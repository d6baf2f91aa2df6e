import { TerraformStack, Testing } from "cdktf";
import { AWS_OWNED_BUCKETS, RESOURCE_ACCOUNT_SCOPED_SERVICES } from "../../constructs/network";
import { buildNetwork, entries, named, onlyRef, resolveIn, resources, synthNetwork } from "./fixtures";
import { expectInvalid } from "../core/validation-error";

const ZONES = ["eu-west-1a", "eu-west-1b", "eu-west-1c"];

describe("gateway endpoints", () => {
  const { json } = synthNetwork({ tiers: { public: { enabled: true } }, natGateways: "single" });
  const gateways = resources(json, "aws_vpc_endpoint").filter((endpoint) => endpoint.vpc_endpoint_type === "Gateway");

  it("serve S3 and DynamoDB on the private and isolated route tables only", () => {
    expect(gateways.map((endpoint) => endpoint.service_name).sort()).toEqual(["com.amazonaws.eu-west-1.dynamodb", "com.amazonaws.eu-west-1.s3"]);
    const expectedTables = ["private", "isolated"].flatMap((tier) => ZONES.map((zone) => named(json, "aws_route_table", `net-${tier}-${zone}`).ref("id")));
    for (const endpoint of gateways) {
      expect(endpoint.vpc_id).toBe(onlyRef(json, "aws_vpc", "id"));
      expect(endpoint.route_table_ids).toEqual(expectedTables);
    }
  });

  it("allow only principals of this account, on tables and buckets of this account, with service-scoped actions", () => {
    const dynamodb = gateways.find((endpoint) => endpoint.service_name.endsWith(".dynamodb"))!;
    expect(JSON.parse(dynamodb.policy)).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "OnlyThisAccountsPrincipalsAndResources",
          Effect: "Allow",
          Principal: "*",
          Action: "dynamodb:*",
          Resource: "*",
          Condition: { StringEquals: { "aws:PrincipalAccount": "111122223333", "aws:ResourceAccount": "111122223333" } },
        },
      ],
    });
  });

  it("let hosts read exactly the documented AWS-owned buckets through the S3 endpoint, ECR's only when ECR endpoints exist", () => {
    const s3 = JSON.parse(gateways.find((endpoint) => endpoint.service_name.endsWith(".s3"))!.policy);
    expect(s3.Statement).toEqual([
      {
        Sid: "OnlyThisAccountsPrincipalsAndResources",
        Effect: "Allow",
        Principal: "*",
        Action: "s3:*",
        Resource: "*",
        Condition: { StringEquals: { "aws:PrincipalAccount": "111122223333", "aws:ResourceAccount": "111122223333" } },
      },
      {
        Sid: "ReadAwsOwnedBuckets",
        Effect: "Allow",
        Principal: "*",
        Action: "s3:GetObject",
        Resource: [
          "arn:aws:s3:::prod-eu-west-1-starport-layer-bucket/*",
          "arn:aws:s3:::al2023-repos-eu-west-1-*/*",
          "arn:aws:s3:::amazonlinux-2-repos-eu-west-1/*",
          "arn:aws:s3:::amazonlinux.eu-west-1.amazonaws.com/*",
          "arn:aws:s3:::aws-ssm-eu-west-1/*",
          "arn:aws:s3:::aws-windows-downloads-eu-west-1/*",
          "arn:aws:s3:::amazon-ssm-eu-west-1/*",
          "arn:aws:s3:::amazon-ssm-packages-eu-west-1/*",
          "arn:aws:s3:::eu-west-1-birdwatcher-prod/*",
          "arn:aws:s3:::aws-ssm-distributor-file-eu-west-1/*",
          "arn:aws:s3:::aws-ssm-document-attachments-eu-west-1/*",
          "arn:aws:s3:::patch-baseline-snapshot-eu-west-1/*",
        ],
      },
    ]);
    expect(s3.Statement[1].Resource).toEqual(AWS_OWNED_BUCKETS.map((bucket) => `arn:aws:s3:::${bucket.name.replace("{region}", "eu-west-1")}/*`));
    for (const bucket of AWS_OWNED_BUCKETS) expect(bucket.reference).toMatch(/^https:\/\/(docs\.aws\.amazon\.com|repost\.aws)\//);
    const withoutEcr = synthNetwork({ interfaceEndpoints: ["sts"] }).json;
    const s3WithoutEcr = resources(withoutEcr, "aws_vpc_endpoint").find((endpoint) => endpoint.service_name.endsWith(".s3"))!;
    const read = JSON.parse(s3WithoutEcr.policy).Statement[1].Resource as string[];
    expect(read).toHaveLength(AWS_OWNED_BUCKETS.length - 1);
    expect(read.some((arn) => arn.includes("starport-layer"))).toBe(false);
  });

  it("let this account's principals write only to buckets and tables of this account", () => {
    for (const endpoint of gateways) {
      const writers = JSON.parse(endpoint.policy).Statement.filter((statement: { Action: string }) => statement.Action !== "s3:GetObject");
      for (const statement of writers) expect(statement.Condition.StringEquals["aws:ResourceAccount"]).toBe("111122223333");
    }
  });

  it("never use a bare * action", () => {
    for (const endpoint of resources(json, "aws_vpc_endpoint")) {
      for (const statement of JSON.parse(endpoint.policy).Statement) {
        expect(statement.Action).not.toBe("*");
        expect(String(statement.Action)).toMatch(/^[a-z0-9-]+:/);
      }
    }
  });
});

describe("interface endpoints", () => {
  const { json } = synthNetwork();
  const interfaces = resources(json, "aws_vpc_endpoint").filter((endpoint) => endpoint.vpc_endpoint_type === "Interface");
  const privateSubnets = ZONES.map((zone) => named(json, "aws_subnet", `net-private-${zone}`).ref("id"));

  it("cover the default services with private DNS in every private subnet behind the endpoint security group", () => {
    expect(interfaces.map((endpoint) => endpoint.service_name).sort()).toEqual(
      ["ec2messages", "ecr.api", "ecr.dkr", "kms", "logs", "secretsmanager", "ssm", "ssmmessages", "sts"].map((service) => `com.amazonaws.eu-west-1.${service}`),
    );
    for (const endpoint of interfaces) {
      expect(endpoint).toMatchObject({
        private_dns_enabled: true,
        subnet_ids: privateSubnets,
        security_group_ids: [onlyRef(json, "aws_security_group", "id")],
      });
    }
  });

  it("allow only this account's principals, with the service's IAM prefix", () => {
    const prefixes = Object.fromEntries(interfaces.map((endpoint) => {
      const [statement] = JSON.parse(endpoint.policy).Statement;
      expect(statement).toMatchObject({
        Effect: "Allow",
        Principal: "*",
        Resource: "*",
        Condition: { StringEquals: expect.objectContaining({ "aws:PrincipalAccount": "111122223333" }) },
      });
      return [endpoint.service_name.replace("com.amazonaws.eu-west-1.", ""), statement.Action];
    }));
    expect(prefixes).toEqual({
      sts: "sts:*",
      kms: "kms:*",
      secretsmanager: "secretsmanager:*",
      logs: "logs:*",
      ssm: "ssm:*",
      ssmmessages: "ssmmessages:*",
      ec2messages: "ec2messages:*",
      "ecr.api": "ecr:*",
      "ecr.dkr": "ecr:*",
    });
  });

  it("let web identity federation through STS, which carries no principal account, only to roles of this account", () => {
    const sts = interfaces.find((endpoint) => endpoint.service_name.endsWith(".sts"))!;
    expect(JSON.parse(sts.policy).Statement[1]).toEqual({
      Sid: "WebIdentityFederationToThisAccountsRoles",
      Effect: "Allow",
      Principal: "*",
      Action: "sts:AssumeRoleWithWebIdentity",
      Resource: "arn:aws:iam::111122223333:role/*",
    });
    const ssm = interfaces.find((endpoint) => endpoint.service_name.endsWith(".ssm"))!;
    expect(JSON.parse(ssm.policy).Statement).toHaveLength(1);
    for (const endpoint of interfaces) {
      for (const statement of JSON.parse(endpoint.policy).Statement) {
        expect(statement.Condition !== undefined || statement.Resource === "arn:aws:iam::111122223333:role/*").toBe(true);
      }
    }
  });

  it("keep KMS and Secrets Manager calls to keys and secrets of this account, besides their actions without resources", () => {
    for (const service of ["kms", "secretsmanager"]) {
      const endpoint = interfaces.find((body) => body.service_name.endsWith(`.${service}`))!;
      expect(JSON.parse(endpoint.policy).Statement).toEqual([
        {
          Sid: "OnlyThisAccountsPrincipalsAndResources",
          Effect: "Allow",
          Principal: "*",
          Action: `${service}:*`,
          Resource: "*",
          Condition: { StringEquals: { "aws:PrincipalAccount": "111122223333", "aws:ResourceAccount": "111122223333" } },
        },
        {
          Sid: "ActionsWithoutResourcesForThisAccount",
          Effect: "Allow",
          Principal: "*",
          Action: [...RESOURCE_ACCOUNT_SCOPED_SERVICES[service]],
          Resource: "*",
          Condition: { StringEquals: { "aws:PrincipalAccount": "111122223333" } },
        },
      ]);
    }
    expect(RESOURCE_ACCOUNT_SCOPED_SERVICES.secretsmanager).not.toContain("secretsmanager:GetSecretValue");
    expect(RESOURCE_ACCOUNT_SCOPED_SERVICES.kms).not.toContain("kms:Decrypt");
  });

  it("accept custom services with an explicit action prefix", () => {
    const custom = synthNetwork({ interfaceEndpoints: [{ service: "monitoring", actionPrefix: "cloudwatch" }] }).json;
    const [endpoint] = resources(custom, "aws_vpc_endpoint").filter((body) => body.vpc_endpoint_type === "Interface");
    expect(endpoint.service_name).toBe("com.amazonaws.eu-west-1.monitoring");
    expect(JSON.parse(endpoint.policy).Statement[0].Action).toBe("cloudwatch:*");
  });
});

describe("endpoint security group", () => {
  const { json, network, stack } = synthNetwork();
  const [group] = resources(json, "aws_security_group");

  it("has no inline rules, so Terraform removes AWS's default allow-all egress", () => {
    expect(resources(json, "aws_security_group")).toHaveLength(1);
    expect(group.ingress).toBeUndefined();
    expect(group.egress).toBeUndefined();
    expect(group.vpc_id).toBe(onlyRef(json, "aws_vpc", "id"));
    expect(resources(json, "aws_vpc_security_group_egress_rule")).toHaveLength(0);
  });

  it("admits nobody by default: each workload group is admitted with allowEndpointAccessFrom", () => {
    expect(resources(json, "aws_vpc_security_group_ingress_rule")).toHaveLength(0);
    expect(group.description).toBe("Interface VPC endpoints: HTTPS from admitted workload groups only");
  });

  it('with endpointAccess "subnets", admits TCP 443 only, from each private and isolated subnet CIDR', () => {
    const { json, network } = synthNetwork({ endpointAccess: "subnets" });
    const rules = resources(json, "aws_vpc_security_group_ingress_rule");
    expect(rules.map((rule) => rule.cidr_ipv4).sort()).toEqual([...network.tierCidrs("private"), ...network.tierCidrs("isolated")].sort());
    expect(rules).toHaveLength(6);
    for (const rule of rules) {
      expect(rule).toMatchObject({ security_group_id: onlyRef(json, "aws_security_group", "id"), ip_protocol: "tcp", from_port: 443, to_port: 443 });
      expect(rule.cidr_ipv4).not.toBe("0.0.0.0/0");
    }
  });

  it("refuses an endpointAccess it does not know", () => {
    expect(() => synthNetwork({ endpointAccess: "everyone" as "subnets" })).toThrow('endpointAccess is "everyone"');
  });

  it("is exposed through the accessors", () => {
    expect(resolveIn(stack, network.endpointSecurityGroupId)).toBe(onlyRef(json, "aws_security_group", "id"));
  });

  it("does not exist when there are no interface endpoints", () => {
    const { json: empty, network: bare } = synthNetwork({ interfaceEndpoints: [] });
    expect(resources(empty, "aws_security_group")).toHaveLength(0);
    expect(resources(empty, "aws_vpc_security_group_ingress_rule")).toHaveLength(0);
    expect(resources(empty, "aws_vpc_endpoint").map((endpoint) => endpoint.vpc_endpoint_type)).toEqual(["Gateway", "Gateway"]);
    expect(bare.endpoints.securityGroup).toBeUndefined();
    expect(bare.endpointSecurityGroupId).toBeUndefined();
    expect(bare.interfaceEndpointServices).toEqual([]);
  });
});

describe("allowEndpointAccessFrom", () => {
  it("adds a 443 ingress rule referencing the workload security group, once per group", () => {
    const network = buildNetwork();
    const first = network.allowEndpointAccessFrom("sg-0123456789abcdef0", "HTTPS from the API workers");
    expect(network.allowEndpointAccessFrom("sg-0123456789abcdef0")).toBe(first);
    network.allowEndpointAccessFrom("sg-0fedcba9876543210");
    const json = JSON.parse(Testing.synth(network.node.scope as TerraformStack));
    const referencing = entries(json, "aws_vpc_security_group_ingress_rule").filter(([, rule]) => rule.referenced_security_group_id);
    expect(referencing.map(([, rule]) => rule)).toEqual([
      expect.objectContaining({
        security_group_id: onlyRef(json, "aws_security_group", "id"),
        referenced_security_group_id: "sg-0123456789abcdef0",
        ip_protocol: "tcp",
        from_port: 443,
        to_port: 443,
        description: "HTTPS from the API workers",
      }),
      expect.objectContaining({ referenced_security_group_id: "sg-0fedcba9876543210", from_port: 443, to_port: 443 }),
    ]);
  });

  it("throws when the network has no interface endpoints", () => {
    const network = buildNetwork({ interfaceEndpoints: [] });
    expectInvalid(() => network.allowEndpointAccessFrom("sg-0123456789abcdef0"), "interfaceEndpoints", 'SegmentedNetwork "net": allowEndpointAccessFrom needs interface endpoints, but interfaceEndpoints is empty; list at least one service or drop the call.');
  });
});
