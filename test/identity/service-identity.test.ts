import { ServiceIdentity, ServiceIdentityProps } from "../../constructs/identity";
import { ACCOUNT, REGION, newStack, ofType, only, packVerdict, parsePolicy } from "./harness";
import { expectInvalid } from "../core/validation-error";

const ISSUER = "oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE";
const OIDC_ARN = `arn:aws:iam::${ACCOUNT}:oidc-provider/${ISSUER}`;

function identity(overrides: Partial<ServiceIdentityProps> = {}, id = "orders") {
  const stack = newStack();
  const sid = new ServiceIdentity(stack, id, { serviceName: "orders", accountId: ACCOUNT, region: REGION, trust: { kind: "ec2" }, ...overrides });
  return { stack, identity: sid };
}

describe("ServiceIdentity role", () => {
  test("EC2 trust: ec2.amazonaws.com, sts:AssumeRole, pinned to the account", () => {
    const { stack } = identity();
    const role = only(stack, "aws_iam_role");
    expect(parsePolicy(role.assume_role_policy)).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "Ec2Instances",
          Effect: "Allow",
          Principal: { Service: "ec2.amazonaws.com" },
          Action: "sts:AssumeRole",
        },
      ],
    });
  });

  test("name, path, one-hour sessions, tags and no boundary by default", () => {
    const { stack } = identity();
    const role = only(stack, "aws_iam_role");
    expect(role.name).toBe("orders-role");
    expect(role.path).toBe("/zt/orders/");
    expect(role.max_session_duration).toBe(3600);
    expect(role.permissions_boundary).toBeUndefined();
    expect(role.managed_policy_arns).toBeUndefined();
    expect(role.inline_policy).toBeUndefined();
    expect(role.tags).toEqual({ "zt:service": "orders" });
  });

  test("permissions boundary is applied when given", () => {
    const boundary = `arn:aws:iam::${ACCOUNT}:policy/service-boundary`;
    const { stack } = identity({ permissionsBoundaryArn: boundary });
    expect(only(stack, "aws_iam_role").permissions_boundary).toBe(boundary);
  });

  test("EC2 trust: instance profile and the SSM Agent's inline policy only, no managed policy", () => {
    const { stack } = identity();
    const profile = only(stack, "aws_iam_instance_profile");
    expect(profile.name).toBe("orders-host");
    expect(profile.path).toBe("/zt/orders/");
    expect(profile.role).toMatch(/^\$\{aws_iam_role\.orders_role_[A-F0-9]+\.name\}$/);
    expect(ofType(stack, "aws_iam_role_policy_attachment")).toEqual({});
    const agent = only(stack, "aws_iam_role_policy", "orders_ssm-agent_");
    expect(agent.name).toBe("orders-ssm-agent");
    expect(agent.role).toMatch(/^\$\{aws_iam_role\.orders_role_[A-F0-9]+\.name\}$/);
    expect(parsePolicy(agent.policy).Statement.map((s) => s.Sid)).toEqual(["SsmAgentCore", "SessionManagerChannels", "SsmAgentMessages", "SsmAgentReadsAwsOwnedBuckets"]);
  });

  test("the SSM Agent policy has Session Manager's channels and the agent's calls, and reads no parameter, secret or key", () => {
    const { stack } = identity({ partition: "aws-us-gov", region: "us-gov-west-1" });
    const statements = parsePolicy(only(stack, "aws_iam_role_policy", "orders_ssm-agent_").policy).Statement;
    const onEverything = statements.filter((s) => s.Resource === "*").flatMap((s) => s.Action as string[]);
    expect(onEverything).toEqual(expect.arrayContaining(["ssmmessages:CreateControlChannel", "ssmmessages:OpenDataChannel", "ec2messages:GetMessages", "ssm:UpdateInstanceInformation", "ssm:ListInstanceAssociations", "ssm:GetDocument"]));
    for (const action of onEverything) {
      expect(action).not.toMatch(/\*|^ssm:GetParameter|^secretsmanager:|^kms:|^s3:/);
    }
    const buckets = statements.find((s) => s.Sid === "SsmAgentReadsAwsOwnedBuckets")!;
    expect(buckets.Action).toBe("s3:GetObject");
    expect(buckets.Resource).toEqual(expect.arrayContaining(["arn:aws-us-gov:s3:::amazon-ssm-us-gov-west-1/*", "arn:aws-us-gov:s3:::patch-baseline-snapshot-us-gov-west-1/*"]));
    expect((buckets.Resource as string[]).every((arn) => /^arn:aws-us-gov:s3:::[a-z0-9.-]*us-gov-west-1[a-z0-9.-]*\/\*$/.test(arn))).toBe(true);
    expect(ofType(stack, "aws_iam_role_policy_attachment")).toEqual({});
  });

  test("EKS Pod Identity trust: pods.eks.amazonaws.com with TagSession, account and cluster pinned", () => {
    const cluster = `arn:aws:eks:${REGION}:${ACCOUNT}:cluster/main`;
    const { stack, identity: id } = identity({ trust: { kind: "eks-pod-identity", clusterArn: cluster } });
    expect(parsePolicy(only(stack, "aws_iam_role").assume_role_policy).Statement).toEqual([
      {
        Sid: "EksPodIdentity",
        Effect: "Allow",
        Principal: { Service: "pods.eks.amazonaws.com" },
        Action: ["sts:AssumeRole", "sts:TagSession"],
        Condition: { StringEquals: { "aws:SourceAccount": ACCOUNT }, ArnEquals: { "aws:SourceArn": cluster } },
      },
    ]);
    expect(id.instanceProfileName).toBeUndefined();
    expect(ofType(stack, "aws_iam_instance_profile")).toEqual({});
    expect(ofType(stack, "aws_iam_role_policy_attachment")).toEqual({});
  });

  test("EKS Pod Identity trust without a cluster pins the account only", () => {
    const { stack } = identity({ trust: { kind: "eks-pod-identity" } });
    const s = parsePolicy(only(stack, "aws_iam_role").assume_role_policy).Statement[0];
    expect(s.Condition).toEqual({ StringEquals: { "aws:SourceAccount": ACCOUNT } });
  });

  test("IRSA trust: federated OIDC provider, sub and aud pinned with StringEquals", () => {
    const { stack } = identity({
      trust: { kind: "irsa", oidcProviderArn: OIDC_ARN, oidcIssuerUrl: `https://${ISSUER}`, namespace: "orders", serviceAccount: "orders-api" },
    });
    expect(parsePolicy(only(stack, "aws_iam_role").assume_role_policy).Statement).toEqual([
      {
        Sid: "KubernetesServiceAccount",
        Effect: "Allow",
        Principal: { Federated: OIDC_ARN },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: {
          StringEquals: {
            [`${ISSUER}:sub`]: "system:serviceaccount:orders:orders-api",
            [`${ISSUER}:aud`]: "sts.amazonaws.com",
          },
        },
      },
    ]);
    expect(ofType(stack, "aws_iam_instance_profile")).toEqual({});
  });

  test("no grants means no grants policy resource (only the SSM Agent's)", () => {
    const { stack } = identity();
    expect(Object.keys(ofType(stack, "aws_iam_role_policy"))).toEqual([expect.stringMatching(/^orders_ssm-agent_/)]);
  });

  test("the zero-trust pack reports nothing unsuppressed for every trust kind", () => {
    for (const trust of [
      { kind: "ec2" as const },
      { kind: "eks-pod-identity" as const, clusterArn: `arn:aws:eks:${REGION}:${ACCOUNT}:cluster/main` },
      { kind: "irsa" as const, oidcProviderArn: OIDC_ARN, oidcIssuerUrl: ISSUER, namespace: "orders", serviceAccount: "api" },
    ]) {
      const { stack, identity: id } = identity({ trust });
      id.grant({ sid: "InvokeCharge", actions: ["lambda:InvokeFunction"], resources: [`arn:aws:lambda:${REGION}:${ACCOUNT}:function:charge`] });
      const verdict = packVerdict(stack);
      expect(verdict.unsuppressed).toEqual([]);
      expect(verdict.evaluated).toBeGreaterThan(0);
    }
  });
});

describe("ServiceIdentity validation", () => {
  test.each([
    ["Orders", "must start with a lowercase letter"],
    ["orders-", "must not end with a hyphen"],
    ["1orders", "must start with a lowercase letter"],
    ["orders_api", "may contain only lowercase letters, digits and hyphens"],
    ["", "must be 1 to 32 characters long (got 0)"],
    ["a".repeat(33), "must be 1 to 32 characters long (got 33)"],
  ])("serviceName %j is rejected", (serviceName, reason) => {
    expectInvalid(() => identity({ serviceName }), "serviceName", `ServiceIdentity "orders": serviceName "${serviceName}" ${reason}; use a DNS label such as "orders" or "payments-api".`);
  });

  test("a 32-character name is accepted", () => {
    expect(() => identity({ serviceName: "a".repeat(32) })).not.toThrow();
  });

  test("account id, region and partition are checked", () => {
    expectInvalid(() => identity({ accountId: "12345" }), "accountId", 'ServiceIdentity "orders": accountId "12345" is not an AWS account id; pass the twelve digits, e.g. "123456789012".');
    expectInvalid(() => identity({ region: "Europe" }), "region", 'ServiceIdentity "orders": region "Europe" is not an AWS region name; pass one such as "eu-west-1".');
    expectInvalid(() => identity({ partition: "aws-iso" as never }), "partition", 'ServiceIdentity "orders": partition "aws-iso" is not supported; use one of "aws", "aws-us-gov", "aws-cn".');
  });

  test("permissions boundary must be an IAM policy ARN", () => {
    expectInvalid(() => identity({ permissionsBoundaryArn: "service-boundary" }), "permissionsBoundaryArn", 'ServiceIdentity "orders": permissionsBoundaryArn entry "service-boundary" is not an iam ARN in partition "aws"; pass the full ARN, e.g. "arn:aws:iam::123456789012:policy/service-boundary".');
  });

  test("EKS cluster ARN must be an EKS cluster of the same account", () => {
    expectInvalid(() => identity({ trust: { kind: "eks-pod-identity", clusterArn: "main" } }), "trust.clusterArn", /ServiceIdentity "orders": trust.clusterArn entry "main" is not an eks ARN in partition "aws"/);
    expectInvalid(() => identity({ trust: { kind: "eks-pod-identity", clusterArn: `arn:aws:eks:${REGION}:210987654321:cluster/main` } }), "trust.clusterArn", 'ServiceIdentity "orders": trust.clusterArn is in account 210987654321, not 123456789012; pods may only assume roles of their own account.');
  });

  test("IRSA provider must match the issuer, and Kubernetes names are checked", () => {
    const base = { kind: "irsa" as const, oidcProviderArn: OIDC_ARN, oidcIssuerUrl: ISSUER, namespace: "orders", serviceAccount: "api" };
    expectInvalid(() => identity({ trust: { ...base, oidcIssuerUrl: "https://oidc.eks.eu-west-1.amazonaws.com/id/OTHER" } }), "trust.oidcProviderArn", `ServiceIdentity "orders": trust.oidcProviderArn does not belong to trust.oidcIssuerUrl "https://oidc.eks.eu-west-1.amazonaws.com/id/OTHER"; pass the provider ARN ending in "oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/OTHER".`);
    expectInvalid(() => identity({ trust: { ...base, namespace: "Orders" } }), "trust.namespace", 'ServiceIdentity "orders": trust.namespace "Orders" is not a Kubernetes namespace name; use a DNS label such as "orders".');
    expectInvalid(() => identity({ trust: { ...base, serviceAccount: "api_sa" } }), "trust.serviceAccount", `ServiceIdentity "orders": trust.serviceAccount "api_sa" is not a Kubernetes service account name; use lowercase letters, digits, '-' and '.'.`);
    expectInvalid(() => identity({ trust: { ...base, oidcProviderArn: `arn:aws:iam::${ACCOUNT}:role/x` } }), "trust.oidcProviderArn", /trust.oidcProviderArn entry "arn:aws:iam::123456789012:role\/x" is not an iam ARN/);
  });

  test("the zt:service tag cannot be overridden", () => {
    expectInvalid(() => identity({ tags: { "zt:service": "other" } }), "tags", 'ServiceIdentity "orders": tags key "zt:service" is set by the construct; remove it from tags.');
  });

  test("an unknown trust kind is rejected", () => {
    expectInvalid(() => identity({ trust: { kind: "lambda" } as never }), "trust.kind", 'ServiceIdentity "orders": trust.kind "lambda" is not supported; use "ec2", "eks-pod-identity" or "irsa".');
  });
});
