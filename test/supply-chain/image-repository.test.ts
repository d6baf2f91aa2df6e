import { TerraformVariable, Testing } from "cdktf";
import { StackEnvironment } from "../../constructs/core";
import { ServiceIdentity } from "../../constructs/identity";
import { ServiceKey } from "../../constructs/secrets";
import { ImageRepository, PULL_ACTIONS, PUSH_ACTIONS, RegistryScanning } from "../../constructs/supply-chain";
import { ACCOUNT, REGION, newStack, only, packVerdict, parsePolicy, statement } from "../identity/harness";
import { hardenedCluster } from "../cluster/fixtures";
import { ADMIN, CI_ROLE, DIGEST, ordersRepository, repositoryStack } from "./fixtures";

const SERVICE_LINKED = `arn:aws:iam::${ACCOUNT}:role/aws-service-role/*`;

describe("ImageRepository defaults", () => {
  test("immutable tags, scan on push, and KMS encryption with a key made for the repository", () => {
    const { stack } = ordersRepository();
    const repository = only(stack, "aws_ecr_repository");
    expect(repository.name).toBe("orders");
    expect(repository.image_tag_mutability).toBe("IMMUTABLE");
    expect(repository.image_scanning_configuration).toEqual({ scan_on_push: true });
    expect(repository.encryption_configuration).toEqual([{ encryption_type: "KMS", kms_key: "${aws_kms_key.orders-images_key_7324133F.arn}" }]);
    expect(only(stack, "aws_kms_alias").name).toBe("alias/zt/ecr/orders");
    expect(only(stack, "aws_kms_key").enable_key_rotation).toBe(true);
  });

  test("the key made for it lets principals of the account create grants only through ECR, for AWS resources", () => {
    const { stack } = ordersRepository();
    const policy = only(stack, "aws_kms_key").policy;
    expect(parsePolicy(policy).Statement.map((s) => s.Sid)).toEqual(["AccountRootAdministersNotUse", "AccountGrantsThroughEcrForImages"]);
    expect(statement(policy, "AccountGrantsThroughEcrForImages")).toEqual({
      Sid: "AccountGrantsThroughEcrForImages",
      Effect: "Allow",
      Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
      Action: "kms:CreateGrant",
      Resource: "*",
      Condition: {
        StringEquals: { "kms:ViaService": `ecr.${REGION}.amazonaws.com`, "kms:CallerAccount": ACCOUNT },
        Bool: { "kms:GrantIsForAWSResource": "true" },
      },
    });
  });

  test("a given service key encrypts the images and gets the ECR grant statement, once for several repositories", () => {
    const stack = repositoryStack();
    const key = new ServiceKey(stack, "key", { owner: "orders", purpose: "secrets", adminRoleArns: [ADMIN] });
    new ImageRepository(stack, "api", { name: "orders/api", encryptionKey: key });
    new ImageRepository(stack, "worker", { name: "orders/worker", encryptionKey: key });
    const repositories = Object.values((JSON.parse(Testing.synth(stack)) as { resource: Record<string, Record<string, Record<string, unknown>>> }).resource.aws_ecr_repository);
    expect(repositories.map((r) => r.encryption_configuration)).toEqual([
      [{ encryption_type: "KMS", kms_key: "${aws_kms_key.key_F64E54E4.arn}" }],
      [{ encryption_type: "KMS", kms_key: "${aws_kms_key.key_F64E54E4.arn}" }],
    ]);
    const sids = parsePolicy(only(stack, "aws_kms_key").policy).Statement.map((s) => s.Sid);
    expect(sids).toEqual(["AccountRootAdministersNotUse", "AdminRolesAdministerNotUse", "AccountGrantsThroughEcrForImages"]);
  });

  test("an imported key is used as it is: no key made, its policy untouched", () => {
    const stack = repositoryStack();
    const keyArn = `arn:aws:kms:${REGION}:${ACCOUNT}:key/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d`;
    new ImageRepository(stack, "images", { name: "orders", encryptionKey: ServiceKey.fromKeyArn(stack, "key", keyArn) });
    expect(only(stack, "aws_ecr_repository").encryption_configuration).toEqual([{ encryption_type: "KMS", kms_key: keyArn }]);
    expect(Object.keys((JSON.parse(Testing.synth(stack)) as { resource: Record<string, unknown> }).resource).sort()).toEqual([
      "aws_ecr_lifecycle_policy",
      "aws_ecr_repository",
      "aws_ecr_repository_policy",
    ]);
  });

  test("a name with dots gives the key alias dashes; a name from a variable is used as it is", () => {
    expect(only(ordersRepository({ name: "team.a/orders" }).stack, "aws_kms_alias").name).toBe("alias/zt/ecr/team-a/orders");
    const stack = repositoryStack();
    const name = new TerraformVariable(stack, "repository_name", { type: "string" });
    new ImageRepository(stack, "images", { name: name.stringValue });
    expect(only(stack, "aws_ecr_repository").name).toBe("${var.repository_name}");
    expect(only(stack, "aws_kms_alias").name).toBe("alias/zt/ecr/${var.repository_name}");
  });

  test("a lifecycle policy expires untagged images after 7 days and keeps the newest 30, the rule on every image last", () => {
    const { stack } = ordersRepository();
    const lifecycle = only(stack, "aws_ecr_lifecycle_policy");
    expect(lifecycle.repository).toBe("${aws_ecr_repository.orders-images_repository_08CA0836.name}");
    expect(JSON.parse(String(lifecycle.policy))).toEqual({
      rules: [
        {
          rulePriority: 1,
          description: "Expire untagged images 7 days after their push",
          selection: { tagStatus: "untagged", countType: "sinceImagePushed", countUnit: "days", countNumber: 7 },
          action: { type: "expire" },
        },
        { rulePriority: 2, description: "Keep the newest 30 images", selection: { tagStatus: "any", countType: "imageCountMoreThan", countNumber: 30 }, action: { type: "expire" } },
      ],
    });
    const custom = ordersRepository({ untaggedExpiryDays: 1, maxImageCount: 100 }).stack;
    const rules = (JSON.parse(String(only(custom, "aws_ecr_lifecycle_policy").policy)) as { rules: { selection: { countNumber: number } }[] }).rules;
    expect(rules.map((r) => r.selection.countNumber)).toEqual([1, 100]);
  });

  test("the repository policy: readers pull, CI roles push, nobody outside the account does anything, nobody else pulls or pushes", () => {
    const { stack } = ordersRepository();
    const reader = "${aws_iam_role.orders-identity_role_D22C52DD.arn}";
    const policy = only(stack, "aws_ecr_repository_policy").policy;
    expect(parsePolicy(policy).Statement).toEqual([
      { Sid: "PullByNamedReaders", Effect: "Allow", Principal: { AWS: reader }, Action: [...PULL_ACTIONS] },
      { Sid: "PushByNamedCiRoles", Effect: "Allow", Principal: { AWS: CI_ROLE }, Action: ["ecr:BatchCheckLayerAvailability", ...PUSH_ACTIONS] },
      { Sid: "DenyOutsideTheAccount", Effect: "Deny", Principal: "*", Action: "ecr:*", Condition: { StringNotEquals: { "aws:PrincipalAccount": ACCOUNT } } },
      {
        Sid: "DenyPullToOthers",
        Effect: "Deny",
        Principal: "*",
        Action: ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"],
        Condition: { ArnNotLike: { "aws:PrincipalArn": [reader, SERVICE_LINKED] } },
      },
      { Sid: "DenyPushToOthers", Effect: "Deny", Principal: "*", Action: [...PUSH_ACTIONS], Condition: { ArnNotLike: { "aws:PrincipalArn": [CI_ROLE, SERVICE_LINKED] } } },
      {
        Sid: "DenyLayerChecksToOthers",
        Effect: "Deny",
        Principal: "*",
        Action: ["ecr:BatchCheckLayerAvailability"],
        Condition: { ArnNotLike: { "aws:PrincipalArn": [reader, CI_ROLE, SERVICE_LINKED] } },
      },
    ]);
  });

  test("without readers or CI roles the policy allows nothing and denies every pull and push but the service-linked roles'", () => {
    const stack = repositoryStack();
    new ImageRepository(stack, "images", { name: "orders" });
    const statements = parsePolicy(only(stack, "aws_ecr_repository_policy").policy).Statement;
    expect(statements.map((s) => `${s.Sid} ${s.Effect}`)).toEqual(["DenyOutsideTheAccount Deny", "DenyPullToOthers Deny", "DenyPushToOthers Deny", "DenyLayerChecksToOthers Deny"]);
    expect(statements[1].Condition).toEqual({ ArnNotLike: { "aws:PrincipalArn": SERVICE_LINKED } });
  });

  test("grantPull returns a Grant naming the statement of each policy; a second grant to the same role adds nothing", () => {
    const { repository, identity, grant } = ordersRepository();
    expect(grant.success).toBe(true);
    expect(grant.actions).toEqual([...PULL_ACTIONS]);
    expect(grant.resources).toEqual([`arn:aws:ecr:${REGION}:${ACCOUNT}:repository/orders`]);
    expect(grant.principalStatement?.sid).toBe("PullImagesOfOrders");
    expect(grant.resourceStatement?.Sid).toBe("PullByNamedReaders");
    repository.grantPull(identity);
    expect(repository.readerArns).toEqual([identity.roleArn]);
    expect(identity.grants.map((g) => g.sid)).toEqual(["PullImagesOfOrders"]);
  });

  test("grantPullToNodes names the cluster's node role in the repository policy, without touching its IAM policies", () => {
    const { stack, repository, identity } = ordersRepository();
    const nodeRole = `arn:aws:iam::${ACCOUNT}:role/main-nodes`;
    const grant = repository.grantPullToNodes({ clusterName: "main", nodeRole: { arn: nodeRole } });
    expect(grant.principalStatement).toBeUndefined();
    expect(grant.resourceStatement?.Principal).toEqual({ AWS: [identity.roleArn, nodeRole] });
    repository.grantPullToNodes({ clusterName: "main", nodeRole: { arn: nodeRole } });
    expect(statement(only(stack, "aws_ecr_repository_policy").policy, "PullByNamedReaders").Principal).toEqual({ AWS: ["${aws_iam_role.orders-identity_role_D22C52DD.arn}", nodeRole] });
  });

  test("a HardenedCluster is the nodes it names: its node role is admitted", () => {
    const { stack, cluster } = hardenedCluster({}, "images-cluster");
    const repository = new ImageRepository(stack, "images", { name: "orders" });
    expect(repository.grantPullToNodes(cluster).success).toBe(true);
    expect(statement(only(stack, "aws_ecr_repository_policy").policy, "PullByNamedReaders").Principal).toEqual({ AWS: "${aws_iam_role.cluster_node-role_681EE9FE.arn}" });
  });

  test("imageUri pins an image by digest in the account's registry; repositoryUrl is what docker names", () => {
    const { repository } = ordersRepository();
    expect(repository.registry).toBe(`${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com`);
    expect(repository.repositoryUrl).toBe(`${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/orders`);
    expect(repository.imageUri(DIGEST)).toBe(`${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/orders@${DIGEST}`);
  });

  test("in China the registry is under amazonaws.com.cn and ARNs in the aws-cn partition", () => {
    const stack = newStack("china");
    StackEnvironment.set(stack, { accountId: ACCOUNT, region: "cn-north-1" });
    const cn = new ImageRepository(stack, "images", { name: "orders" });
    expect(cn.imageUri(DIGEST)).toBe(`${ACCOUNT}.dkr.ecr.cn-north-1.amazonaws.com.cn/orders@${DIGEST}`);
    expect(cn.repositoryArn).toBe(`arn:aws-cn:ecr:cn-north-1:${ACCOUNT}:repository/orders`);
    expect(statement(only(stack, "aws_kms_key").policy, "AccountGrantsThroughEcrForImages").Condition).toEqual({
      StringEquals: { "kms:ViaService": "ecr.cn-north-1.amazonaws.com.cn", "kms:CallerAccount": ACCOUNT },
      Bool: { "kms:GrantIsForAWSResource": "true" },
    });
  });

  test("the construct passes the whole pack without a suppression", () => {
    const { stack, repository } = ordersRepository();
    repository.grantPullToNodes({ clusterName: "main", nodeRole: { arn: `arn:aws:iam::${ACCOUNT}:role/main-nodes` } });
    const verdict = packVerdict(stack);
    expect(verdict.unsuppressed).toEqual([]);
    expect(verdict.suppressed).toEqual([]);
  });
});

describe("ImageRepository.fromRepositoryAttributes", () => {
  test("references an existing repository's images and grants pulls on the grantee's side only", () => {
    const stack = repositoryStack();
    const identity = new ServiceIdentity(stack, "identity", { serviceName: "orders", trust: { kind: "ec2" } });
    const imported = ImageRepository.fromRepositoryAttributes(stack, "images", { repositoryName: "shared/base" });
    expect(imported.managed).toBe(false);
    expect(imported.imageUri(DIGEST)).toBe(`${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/shared/base@${DIGEST}`);
    const grant = imported.grantPull(identity);
    expect(grant.resourceStatement).toBeUndefined();
    expect(grant.principalStatement?.resources).toEqual([`arn:aws:ecr:${REGION}:${ACCOUNT}:repository/shared/base`]);
    expect(Object.keys((JSON.parse(Testing.synth(stack)) as { resource: Record<string, unknown> }).resource)).not.toContain("aws_ecr_repository");
  });

  test("cannot grant the nodes a pull: neither the node role's policy nor the repository's is managed here", () => {
    const imported = ImageRepository.fromRepositoryAttributes(repositoryStack(), "images", { repositoryName: "shared/base" });
    const nodes = { clusterName: "main", nodeRole: { arn: `arn:aws:iam::${ACCOUNT}:role/main-nodes` } };
    expect(() => imported.grantPullToNodes(nodes)).toThrow(/neither its policy nor the resource's is managed/);
    expect(() => imported.grantPullToNodes(nodes)).toThrow(/neither its policy nor the resource's is managed/);
  });
});

describe("RegistryScanning", () => {
  test("enhanced scanning of every repository, continuously, by default", () => {
    const stack = repositoryStack();
    new RegistryScanning(stack, "scanning");
    expect(only(stack, "aws_ecr_registry_scanning_configuration")).toEqual({
      scan_type: "ENHANCED",
      rule: [{ scan_frequency: "CONTINUOUS_SCAN", repository_filter: [{ filter: "*", filter_type: "WILDCARD" }] }],
    });
  });

  test("basic scanning scans on push; filters name the repositories", () => {
    const stack = repositoryStack();
    new RegistryScanning(stack, "scanning", { scanType: "BASIC", repositoryFilters: ["payments/*", "orders"] });
    expect(only(stack, "aws_ecr_registry_scanning_configuration").rule).toEqual([
      {
        scan_frequency: "SCAN_ON_PUSH",
        repository_filter: [
          { filter: "payments/*", filter_type: "WILDCARD" },
          { filter: "orders", filter_type: "WILDCARD" },
        ],
      },
    ]);
  });
});
