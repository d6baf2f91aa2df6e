import { DefaultTokenResolver, StringConcat, TerraformStack, Tokenization } from "cdktf";
import { HardenedCluster, KUBERNETES_VERSIONS, VPC_CNI_SERVICE_ACCOUNT, supportedKubernetesVersions } from "../../constructs/cluster";
import { ServiceIdentity } from "../../constructs/identity";
import { ACCOUNT, REGION, ofType, only, packVerdict, parsePolicy, resources, statement } from "../identity/harness";
import { ADMIN, CLUSTER_ARN, KEY_ADMIN, hardenedCluster } from "./fixtures";

type Json = Record<string, unknown>;

/** `${<type>.<name>.<attribute>}` of the only resource of `type` whose name starts with `prefix`. */
function ref(stack: TerraformStack, type: string, prefix: string, attribute = "id"): string {
  const names = Object.keys(ofType(stack, type)).filter((n) => n.startsWith(prefix));
  expect(names).toHaveLength(1);
  return `\${${type}.${names[0]}.${attribute}}`;
}

/** A token as the synthesized JSON writes it. */
function resolved(stack: TerraformStack, value: unknown): unknown {
  return Tokenization.resolve(value, { scope: stack, preparing: false, resolver: new DefaultTokenResolver(new StringConcat()) });
}

/** The rules of a security group rule type whose group is `groupRef`, as `description: peer`. */
function rulesOf(stack: TerraformStack, type: string, groupRef: string): string[] {
  return Object.values(ofType(stack, type))
    .filter((r) => r.security_group_id === groupRef)
    .map((r) => `${r.ip_protocol} ${r.from_port}-${r.to_port} ${String(r.referenced_security_group_id ?? r.prefix_list_id ?? r.cidr_ipv4)}`)
    .sort();
}

describe("HardenedCluster defaults", () => {
  test("the cluster: private endpoint only, private subnets, its own security group, secrets encrypted with its key", () => {
    const { stack, network } = hardenedCluster();
    const cluster = only(stack, "aws_eks_cluster");
    expect(cluster).toMatchObject({
      name: "main",
      version: "1.35",
      role_arn: ref(stack, "aws_iam_role", "cluster_cluster-role", "arn"),
      vpc_config: {
        endpoint_private_access: true,
        endpoint_public_access: false,
        subnet_ids: resolved(stack, network.subnetIds("private")),
        security_group_ids: [ref(stack, "aws_security_group", "cluster_cluster-firewall")],
      },
      encryption_config: { resources: ["secrets"], provider: { key_arn: ref(stack, "aws_kms_key", "cluster_secrets-key", "arn") } },
    });
    expect((cluster.vpc_config as Json).public_access_cidrs).toBeUndefined();
  });

  test("every control-plane log type, to a log group made first, with its own key and 365 days of retention", () => {
    const { stack } = hardenedCluster();
    const cluster = only(stack, "aws_eks_cluster");
    expect(cluster.enabled_cluster_log_types).toEqual(["api", "audit", "authenticator", "controllerManager", "scheduler"]);
    const logGroup = ref(stack, "aws_cloudwatch_log_group", "cluster_control-plane-logs");
    expect(cluster.depends_on).toContain(logGroup.replace(/^\$\{(.*)\.id\}$/, "$1"));
    expect(only(stack, "aws_cloudwatch_log_group", "cluster_")).toMatchObject({
      name: "/aws/eks/main/cluster",
      retention_in_days: 365,
      kms_key_id: ref(stack, "aws_kms_key", "cluster_control-plane-logs", "arn"),
    });
    const policy = only(stack, "aws_kms_key", "cluster_control-plane-logs").policy;
    expect(statement(policy, "CloudWatchLogsForTheControlPlaneLogGroup")).toMatchObject({
      Principal: { Service: `logs.${REGION}.amazonaws.com` },
      Condition: { ArnLike: { "kms:EncryptionContext:aws:logs:arn": `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/aws/eks/main/cluster` } },
    });
    expect(statement(policy, "AdminRolesAdministerNotUse").Principal).toEqual({ AWS: KEY_ADMIN });
    expect(only(stack, "aws_kms_alias", "cluster_control-plane-logs").name).toBe("alias/zt/eks/main/control-plane-logs");
  });

  test("the secrets key: only the cluster role uses it, and the account creates grants on it only through EKS", () => {
    const { stack } = hardenedCluster();
    const policy = only(stack, "aws_kms_key", "cluster_secrets-key").policy;
    expect(statement(policy, "ClusterRoleUsesForSecrets")).toMatchObject({
      Principal: { AWS: ref(stack, "aws_iam_role", "cluster_cluster-role", "arn") },
      Action: ["kms:Decrypt", "kms:DescribeKey", "kms:Encrypt"],
    });
    expect(statement(policy, "AccountGrantsThroughEksForSecrets")).toMatchObject({
      Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
      Action: "kms:CreateGrant",
      Condition: {
        StringEquals: { "kms:ViaService": `eks.${REGION}.amazonaws.com`, "kms:CallerAccount": ACCOUNT },
        Bool: { "kms:GrantIsForAWSResource": "true" },
      },
    });
    expect(parsePolicy(policy).Statement.map((s) => s.Sid)).toEqual([
      "AccountRootAdministersNotUse",
      "AdminRolesAdministerNotUse",
      "ClusterRoleUsesForSecrets",
      "AccountGrantsThroughEksForSecrets",
    ]);
    expect(only(stack, "aws_kms_key", "cluster_secrets-key")).toMatchObject({ enable_key_rotation: true, deletion_window_in_days: 30 });
  });

  test("access entries only: authentication mode API, no admin for the creator, each admin with AmazonEKSClusterAdminPolicy at cluster scope", () => {
    const other = `arn:aws:iam::${ACCOUNT}:role/break-glass`;
    const { stack } = hardenedCluster({ admins: [ADMIN, other] });
    const cluster = only(stack, "aws_eks_cluster");
    expect(cluster.access_config).toEqual({ authentication_mode: "API", bootstrap_cluster_creator_admin_permissions: false });
    const entries = Object.values(ofType(stack, "aws_eks_access_entry"));
    expect(entries.map((e) => [e.principal_arn, e.type, e.cluster_name]).sort()).toEqual([
      [other, "STANDARD", ref(stack, "aws_eks_cluster", "cluster_", "name")],
      [ADMIN, "STANDARD", ref(stack, "aws_eks_cluster", "cluster_", "name")],
    ]);
    const associations = Object.values(ofType(stack, "aws_eks_access_policy_association"));
    expect(associations.map((a) => [a.principal_arn, a.policy_arn, a.access_scope]).sort()).toEqual([
      [ref(stack, "aws_eks_access_entry", "cluster_admin-break-glass_", "principal_arn"), "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy", { type: "cluster" }],
      [ref(stack, "aws_eks_access_entry", "cluster_admin-platform-admin_", "principal_arn"), "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy", { type: "cluster" }],
    ]);
    // No aws-auth ConfigMap anywhere in the stack.
    expect(Object.keys(resources(stack)).filter((t) => t.includes("config_map"))).toEqual([]);
  });

  test("admins that share a role name in two accounts get an access entry each", () => {
    const sameName = "arn:aws:iam::210987654321:role/platform-admin";
    const { stack } = hardenedCluster({ admins: [ADMIN, sameName] });
    expect(Object.keys(ofType(stack, "aws_eks_access_entry")).map((n) => n.replace(/_[0-9A-F]{8}$/, "")).sort()).toEqual([
      "cluster_admin-platform-admin",
      "cluster_admin-platform-admin-210987654321",
    ]);
    expect(Object.values(ofType(stack, "aws_eks_access_entry")).map((e) => e.principal_arn).sort()).toEqual([ADMIN, sameName]);
  });

  test("the cluster role trusts EKS (AssumeRole and TagSession) and carries AmazonEKSClusterPolicy only", () => {
    const { stack } = hardenedCluster();
    const role = only(stack, "aws_iam_role", "cluster_cluster-role");
    expect(role.name).toBe("main-cluster");
    expect(parsePolicy(role.assume_role_policy).Statement).toEqual([
      { Sid: "EksControlPlane", Effect: "Allow", Principal: { Service: "eks.amazonaws.com" }, Action: ["sts:AssumeRole", "sts:TagSession"] },
    ]);
    const roleName = ref(stack, "aws_iam_role", "cluster_cluster-role", "name");
    expect(Object.values(ofType(stack, "aws_iam_role_policy_attachment")).filter((a) => a.role === roleName).map((a) => a.policy_arn)).toEqual([
      "arn:aws:iam::aws:policy/AmazonEKSClusterPolicy",
    ]);
    expect(only(stack, "aws_eks_cluster").depends_on).toContain(ref(stack, "aws_iam_role_policy_attachment", "cluster_cluster-policy").replace(/^\$\{(.*)\.id\}$/, "$1"));
  });

  test("EKS managed add-ons only; the VPC CNI enforces network policies; CoreDNS waits for the nodes", () => {
    const { stack } = hardenedCluster();
    expect(only(stack, "aws_eks_cluster").bootstrap_self_managed_addons).toBe(false);
    expect(only(stack, "aws_eks_cluster").upgrade_policy).toEqual({ support_type: "STANDARD" });
    const addons = Object.values(ofType(stack, "aws_eks_addon"));
    expect(addons.map((a) => a.addon_name).sort()).toEqual(["coredns", "eks-pod-identity-agent", "kube-proxy", "vpc-cni"]);
    const cni = only(stack, "aws_eks_addon", "cluster_addon-vpc-cni");
    expect(JSON.parse(String(cni.configuration_values))).toEqual({ enableNetworkPolicy: "true" });
    expect(cni.depends_on).toContain(ref(stack, "aws_eks_pod_identity_association", "cluster_pod-identity-kube-system-aws-node").replace(/^\$\{(.*)\.id\}$/, "$1"));
    expect(cni.service_account_role_arn).toBeUndefined();
    const nodeGroup = ref(stack, "aws_eks_node_group", "cluster_node-group-general").replace(/^\$\{(.*)\.id\}$/, "$1");
    expect(only(stack, "aws_eks_addon", "cluster_addon-coredns").depends_on).toEqual([nodeGroup]);
    for (const addon of addons) expect(addon).toMatchObject({ resolve_conflicts_on_create: "OVERWRITE", cluster_name: ref(stack, "aws_eks_cluster", "cluster_", "name") });
  });

  test("the VPC CNI gets AmazonEKS_CNI_Policy through its own Pod Identity role for kube-system/aws-node, never through the node role", () => {
    const { stack } = hardenedCluster();
    const association = only(stack, "aws_eks_pod_identity_association", "cluster_pod-identity-kube-system-aws-node");
    expect(association).toMatchObject({
      namespace: VPC_CNI_SERVICE_ACCOUNT.namespace,
      service_account: VPC_CNI_SERVICE_ACCOUNT.serviceAccount,
      role_arn: ref(stack, "aws_iam_role", "cluster_vpc-cni-identity", "arn"),
    });
    const trust = parsePolicy(only(stack, "aws_iam_role", "cluster_vpc-cni-identity").assume_role_policy).Statement;
    expect(trust).toEqual([
      expect.objectContaining({
        Principal: { Service: "pods.eks.amazonaws.com" },
        Action: ["sts:AssumeRole", "sts:TagSession"],
        Condition: { StringEquals: { "aws:SourceAccount": ACCOUNT }, ArnEquals: { "aws:SourceArn": CLUSTER_ARN } },
      }),
    ]);
    const attached = (prefix: string) => {
      const name = ref(stack, "aws_iam_role", prefix, "name");
      return Object.values(ofType(stack, "aws_iam_role_policy_attachment")).filter((a) => a.role === name).map((a) => a.policy_arn);
    };
    expect(attached("cluster_vpc-cni-identity")).toEqual(["arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy"]);
    expect(attached("cluster_node-role").sort()).toEqual(["arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPullOnly", "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy"]);
    expect(parsePolicy(only(stack, "aws_iam_role", "cluster_node-role").assume_role_policy).Statement).toEqual([
      { Sid: "Ec2Instances", Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" },
    ]);
  });

  test("node groups launch from a template: IMDSv2 hop limit 1, CMK-encrypted gp3 root volume, node security group only, no key pair", () => {
    const { stack } = hardenedCluster();
    const template = only(stack, "aws_launch_template", "cluster_node-group-general");
    expect(template).toMatchObject({
      name: "main-general",
      metadata_options: { http_endpoint: "enabled", http_tokens: "required", http_put_response_hop_limit: 1, instance_metadata_tags: "disabled" },
      monitoring: { enabled: true },
      vpc_security_group_ids: [ref(stack, "aws_security_group", "cluster_node-firewall")],
      block_device_mappings: [
        { device_name: "/dev/xvda", ebs: { volume_type: "gp3", volume_size: 50, encrypted: "true", delete_on_termination: "true", kms_key_id: ref(stack, "aws_kms_key", "cluster_node-volume-key", "arn") } },
      ],
    });
    expect(template.key_name).toBeUndefined();
    expect(template.network_interfaces).toBeUndefined();
    expect(template.iam_instance_profile).toBeUndefined();
    const keyPolicy = only(stack, "aws_kms_key", "cluster_node-volume-key").policy;
    const autoScaling = `arn:aws:iam::${ACCOUNT}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling`;
    expect(statement(keyPolicy, "AutoScalingUsesForEbs").Principal).toEqual({ AWS: autoScaling });
    expect(statement(keyPolicy, "AutoScalingGrantsForEbs").Condition).toEqual({ Bool: { "kms:GrantIsForAWSResource": "true" } });
  });

  test("the node group: its launch template's latest version, private subnets, no remote access, sizes, labels and taints", () => {
    const { stack, network } = hardenedCluster({
      nodeGroups: [
        { name: "general", instanceTypes: ["m7i.large", "m6i.large"], minSize: 1, maxSize: 3, desiredSize: 2, labels: { "example.com/pool": "general" }, taints: [{ key: "dedicated", value: "web", effect: "NO_SCHEDULE" }] },
        { name: "arm", instanceTypes: ["m7g.large"], minSize: 0, maxSize: 2, amiType: "AL2023_ARM_64_STANDARD", releaseVersion: "1.35.0-20260128", rootVolumeSizeGiB: 80 },
      ],
    });
    const group = only(stack, "aws_eks_node_group", "cluster_node-group-general");
    expect(group).toMatchObject({
      cluster_name: ref(stack, "aws_eks_cluster", "cluster_", "name"),
      node_group_name: "main-general",
      node_role_arn: ref(stack, "aws_iam_role", "cluster_node-role", "arn"),
      subnet_ids: resolved(stack, network.subnetIds("private")),
      instance_types: ["m7i.large", "m6i.large"],
      ami_type: "AL2023_x86_64_STANDARD",
      capacity_type: "ON_DEMAND",
      scaling_config: { min_size: 1, max_size: 3, desired_size: 2 },
      launch_template: {
        id: ref(stack, "aws_launch_template", "cluster_node-group-general"),
        version: ref(stack, "aws_launch_template", "cluster_node-group-general", "latest_version"),
      },
      labels: { "example.com/pool": "general" },
      taint: [{ key: "dedicated", value: "web", effect: "NO_SCHEDULE" }],
    });
    expect(group.remote_access).toBeUndefined();
    expect(group.depends_on).toEqual(expect.arrayContaining([expect.stringMatching(/^aws_eks_addon\.cluster_addon-vpc-cni/), expect.stringMatching(/^aws_eks_addon\.cluster_addon-eks-pod-identity-agent/)]));
    expect(only(stack, "aws_eks_node_group", "cluster_node-group-arm")).toMatchObject({ ami_type: "AL2023_ARM_64_STANDARD", release_version: "1.35.0-20260128", scaling_config: { min_size: 0, max_size: 2, desired_size: 0 } });
    expect((only(stack, "aws_launch_template", "cluster_node-group-arm").block_device_mappings as Json[])[0]).toMatchObject({ ebs: { volume_size: 80 } });
    expect(only(stack, "aws_eks_addon", "cluster_addon-coredns").depends_on).toHaveLength(2);
  });

  test("security groups without inline rules; every path written through connections", () => {
    const { stack } = hardenedCluster();
    for (const prefix of ["cluster_cluster-firewall", "cluster_node-firewall"]) {
      const group = only(stack, "aws_security_group", prefix);
      expect(group.ingress).toBeUndefined();
      expect(group.egress).toBeUndefined();
    }
    const control = ref(stack, "aws_security_group", "cluster_cluster-firewall");
    const nodes = ref(stack, "aws_security_group", "cluster_node-firewall");
    const endpoints = ref(stack, "aws_security_group", "network_endpoints");
    const s3 = ref(stack, "aws_vpc_endpoint", "network_endpoints_gateway-s3", "prefix_list_id");
    expect(rulesOf(stack, "aws_vpc_security_group_ingress_rule", control)).toEqual([`tcp 443-443 ${nodes}`]);
    expect(rulesOf(stack, "aws_vpc_security_group_egress_rule", control)).toEqual([`tcp 10250-10250 ${nodes}`, `tcp 443-443 ${nodes}`]);
    expect(rulesOf(stack, "aws_vpc_security_group_ingress_rule", nodes)).toEqual([`tcp 0-65535 ${nodes}`, `tcp 10250-10250 ${control}`, `tcp 443-443 ${control}`, `udp 0-65535 ${nodes}`]);
    expect(rulesOf(stack, "aws_vpc_security_group_egress_rule", nodes)).toEqual([`tcp 0-65535 ${nodes}`, `tcp 443-443 ${control}`, `tcp 443-443 ${endpoints}`, `tcp 443-443 ${s3}`, `udp 0-65535 ${nodes}`].sort());
    expect(rulesOf(stack, "aws_vpc_security_group_ingress_rule", endpoints)).toEqual([`tcp 443-443 ${nodes}`]);
  });

  test("exposes the cluster's name, ARN (known before apply), endpoint, certificate authority, OIDC issuer and connections", () => {
    const { stack, cluster } = hardenedCluster();
    const name = Object.keys(ofType(stack, "aws_eks_cluster"))[0];
    expect(cluster.clusterName).toBe("main");
    expect(cluster.clusterArn).toBe(CLUSTER_ARN);
    expect(resolved(stack, cluster.endpoint)).toBe(`\${aws_eks_cluster.${name}.endpoint}`);
    expect(resolved(stack, cluster.certificateAuthorityData)).toBe(`\${aws_eks_cluster.${name}.certificate_authority[0].data}`);
    expect(resolved(stack, cluster.oidcIssuerUrl)).toBe(`\${aws_eks_cluster.${name}.identity[0].oidc[0].issuer}`);
    expect(cluster.connections.defaultPort?.id).toBe("tcp-443");
    expect(resolved(stack, cluster.nodeSecurityGroupId)).toBe(ref(stack, "aws_security_group", "cluster_node-firewall"));
  });

  test("tags name the cluster on every taggable resource it makes", () => {
    const { stack } = hardenedCluster({ tags: { team: "platform" } });
    for (const type of ["aws_eks_cluster", "aws_eks_node_group", "aws_launch_template", "aws_iam_role", "aws_kms_key", "aws_cloudwatch_log_group", "aws_eks_addon"]) {
      for (const [name, r] of Object.entries(ofType(stack, type)).filter(([n]) => n.startsWith("cluster_"))) {
        expect([name, r.tags]).toEqual([name, expect.objectContaining({ team: "platform", "zt:cluster": "main" })]);
      }
    }
  });

  test("the supported Kubernetes versions come from the one data file", () => {
    expect(supportedKubernetesVersions()).toEqual(KUBERNETES_VERSIONS.map((v) => v.version));
    for (const version of supportedKubernetesVersions()) {
      expect(() => hardenedCluster({ kubernetesVersion: version })).not.toThrow();
    }
  });

  test("the zero-trust pack passes the cluster with no finding at all", () => {
    const { stack } = hardenedCluster();
    expect(packVerdict(stack)).toMatchObject({ unsuppressed: [], suppressed: [] });
  });
});

describe("HardenedCluster.podIdentity", () => {
  test("associates a service account with an identity that trusts this cluster's pods", () => {
    const { stack, cluster } = hardenedCluster();
    const orders = new ServiceIdentity(stack, "orders", { serviceName: "orders", trust: { kind: "eks-pod-identity", clusterArn: cluster.clusterArn } });
    cluster.podIdentity("orders", "orders", orders);
    expect(only(stack, "aws_eks_pod_identity_association", "cluster_pod-identity-orders-orders")).toMatchObject({
      cluster_name: ref(stack, "aws_eks_cluster", "cluster_", "name"),
      namespace: "orders",
      service_account: "orders",
      role_arn: ref(stack, "aws_iam_role", "orders_role", "arn"),
      tags: { "zt:cluster": "main", "zt:service": "orders" },
    });
    expect(packVerdict(stack).unsuppressed).toEqual([]);
  });

  test("an identity pinned to the cluster resource's own ARN attribute is accepted too", () => {
    const { stack, cluster } = hardenedCluster();
    const orders = new ServiceIdentity(stack, "orders", { serviceName: "orders", trust: { kind: "eks-pod-identity", clusterArn: cluster.cluster.arn } });
    expect(() => cluster.podIdentity("orders", "orders", orders)).not.toThrow();
  });
});

describe("HardenedCluster instances", () => {
  test("two clusters in one stack do not collide", () => {
    const { stack, network } = hardenedCluster();
    new HardenedCluster(stack, "second", { name: "second", network, kubernetesVersion: "1.36", admins: [ADMIN], nodeGroups: [{ name: "general", instanceTypes: ["m7i.large"], minSize: 1, maxSize: 2 }] });
    expect(Object.values(ofType(stack, "aws_eks_cluster")).map((c) => c.name).sort()).toEqual(["main", "second"]);
    expect(packVerdict(stack).unsuppressed).toEqual([]);
  });
});
