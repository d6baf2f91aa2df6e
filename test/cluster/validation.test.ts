import { TerraformStack } from "cdktf";
import { ClusterNodeGroupProps, HardenedCluster, HardenedClusterProps, KUBERNETES_VERSIONS_AS_OF } from "../../constructs/cluster";
import { ServiceIdentity } from "../../constructs/identity";
import { DEFAULT_INTERFACE_ENDPOINTS, SegmentedNetwork } from "../../constructs/network";
import { expectInvalid } from "../core/validation-error";
import { ACCOUNT, REGION, newStack } from "../identity/harness";
import { ADMIN, CLUSTER_ARN, CLUSTER_NETWORK_ENDPOINTS, clusterProps, clusterStack, hardenedCluster } from "./fixtures";

/** Builds the fixture cluster with `overrides`. */
function build(overrides: Partial<HardenedClusterProps>): () => HardenedCluster {
  return () => hardenedCluster(overrides).cluster;
}

/** Builds the fixture cluster whose only node group has `overrides`. */
function group(overrides: Partial<ClusterNodeGroupProps>): () => HardenedCluster {
  return build({ nodeGroups: [{ name: "general", instanceTypes: ["m7i.large"], minSize: 1, maxSize: 3, ...overrides }] });
}

describe("HardenedCluster validation", () => {
  test("name must be a DNS label of at most 24 characters", () => {
    expectInvalid(build({ name: "Main" }), "name", `name "Main" must be a DNS label of at most 24 characters`);
    expectInvalid(build({ name: "main-" }), "name", "DNS label");
    expectInvalid(build({ name: "9main" }), "name", "starting with a letter");
    expectInvalid(build({ name: "a".repeat(25) }), "name", "at most 24 characters");
    expect(() => build({ name: "a".repeat(24) })()).not.toThrow();
  });

  test("kubernetesVersion must be major.minor and in the supported list, with the fix", () => {
    expectInvalid(build({ kubernetesVersion: "1.33.1" }), "kubernetesVersion", `kubernetesVersion "1.33.1" is not a Kubernetes minor version; pass "major.minor", e.g. "1.36".`);
    expectInvalid(build({ kubernetesVersion: "v1.33" }), "kubernetesVersion", "is not a Kubernetes minor version");
    expectInvalid(
      build({ kubernetesVersion: "1.29" }),
      "kubernetesVersion",
      `kubernetesVersion "1.29" is not in EKS standard support (as of ${KUBERNETES_VERSIONS_AS_OF}: 1.35, 1.36); pass one of those, or update policies/shared/eks-versions.ts`,
    );
    expectInvalid(build({ kubernetesVersion: undefined as unknown as string }), "kubernetesVersion", "is not a Kubernetes minor version");
    // 1.34 left EKS standard support on 2026-12-02, before the calendar's date.
    expectInvalid(build({ kubernetesVersion: "1.34" }), "kubernetesVersion", `kubernetesVersion "1.34" is not in EKS standard support`);
  });

  test("admins: at least one role ARN of the partition, each once", () => {
    expectInvalid(build({ admins: [] }), "admins", "admins names no role; pass at least one IAM role ARN");
    expectInvalid(build({ admins: undefined as unknown as string[] }), "admins", "admins names no role");
    expectInvalid(build({ admins: [`arn:aws:iam::${ACCOUNT}:user/alice`] }), "admins", "is not an iam ARN");
    expectInvalid(build({ admins: [`arn:aws-cn:iam::${ACCOUNT}:role/admin`] }), "admins", `in partition "aws"`);
    expectInvalid(build({ admins: [ADMIN, ADMIN] }), "admins", `admins lists "${ADMIN}" twice`);
  });

  test("keyAdminRoleArns must be role ARNs", () => {
    expectInvalid(build({ keyAdminRoleArns: ["platform-admin"] }), "keyAdminRoleArns", `keyAdminRoleArns entry "platform-admin" is not an iam ARN`);
  });

  test("logRetentionDays must be a CloudWatch retention of at least 365 days", () => {
    expectInvalid(build({ logRetentionDays: 30 }), "logRetentionDays", "logRetentionDays 30 must be a retention CloudWatch Logs accepts of at least 365 days: 365, 400");
    expectInvalid(build({ logRetentionDays: 366 }), "logRetentionDays", "logRetentionDays 366");
    expectInvalid(build({ logRetentionDays: 0 }), "logRetentionDays", "logRetentionDays 0");
    expect(() => build({ logRetentionDays: 731 })()).not.toThrow();
  });

  test("tags may not set zt:cluster", () => {
    expectInvalid(build({ tags: { "zt:cluster": "other" } }), "tags", `tags key "zt:cluster" is set by the construct`);
  });

  test("the network must have a private tier, be of the cluster's account and region, and reach what nodes need", () => {
    const stack: TerraformStack = newStack();
    const imported = (id: string, attrs: Partial<Parameters<typeof SegmentedNetwork.fromNetworkAttributes>[2]>) =>
      SegmentedNetwork.fromNetworkAttributes(stack, id, { vpcId: "vpc-0123456789abcdef0", vpcCidr: "10.0.0.0/16", accountId: ACCOUNT, region: REGION, subnetIds: { private: ["subnet-0123456789abcdef0"] }, hasNat: true, ...attrs });
    const cluster = (id: string, network: ReturnType<typeof imported>, env: Partial<HardenedClusterProps> = {}) => () =>
      new HardenedCluster(stack, id, { ...clusterProps(network as SegmentedNetwork), accountId: ACCOUNT, region: REGION, ...env });
    expectInvalid(cluster("a", imported("isolated-only", { subnetIds: { isolated: ["subnet-0123456789abcdef1"] } })), "network", "the network has no private tier");
    expectInvalid(cluster("b", imported("other-account", { accountId: "210987654321" })), "network.accountId", `network accountId "210987654321" differs from the cluster's "${ACCOUNT}"`);
    expectInvalid(cluster("c", imported("other-region", { region: "eu-central-1" })), "network.region", `network region "eu-central-1" differs from the cluster's "${REGION}"`);
    expectInvalid(
      cluster("d", imported("no-nat", { hasNat: false, interfaceEndpointIds: { sts: "vpce-0123456789abcdef0", ec2: "vpce-0123456789abcdef1" } })),
      "network",
      `the network has no interface endpoint for ecr.api, ecr.dkr, eks-auth, which the nodes need (their security group reaches nothing on the internet, NAT or not) for addresses, images and pod credentials; add "ecr.api", "ecr.dkr", "eks-auth" to the network's interfaceEndpoints.`,
    );
  });

  test("a network needs the nodes' interface endpoints, with NAT or without (the node group reaches nothing on the internet)", () => {
    const defaults = () => {
      const { stack } = clusterStack();
      const network = new SegmentedNetwork(stack, "plain", { name: "plain", cidr: "10.80.0.0/16", availabilityZones: ["eu-west-1a", "eu-west-1b"] });
      return new HardenedCluster(stack, "cluster", clusterProps(network));
    };
    expectInvalid(defaults, "network", "no interface endpoint for ec2, eks-auth");
    const { stack } = clusterStack();
    const withNat = new SegmentedNetwork(stack, "nat", { name: "nat", cidr: "10.80.0.0/16", availabilityZones: ["eu-west-1a", "eu-west-1b"], tiers: { public: { enabled: true } }, natGateways: "single" });
    expectInvalid(() => new HardenedCluster(stack, "cluster", clusterProps(withNat)), "network", "no interface endpoint for ec2, eks-auth");
    const endpoints = new SegmentedNetwork(stack, "endpoints", {
      name: "endpoints",
      cidr: "10.81.0.0/16",
      availabilityZones: ["eu-west-1a", "eu-west-1b"],
      tiers: { public: { enabled: true } },
      natGateways: "single",
      interfaceEndpoints: [...DEFAULT_INTERFACE_ENDPOINTS, "ec2", "eks", "eks-auth"],
    });
    expect(() => new HardenedCluster(stack, "with-endpoints", clusterProps(endpoints))).not.toThrow();
  });

  test("nodeGroups: at least one, each with its own DNS-label name", () => {
    expectInvalid(build({ nodeGroups: [] }), "nodeGroups", "nodeGroups is empty; declare at least one managed node group");
    expectInvalid(group({ name: "General" }), "nodeGroups[0].name", `nodeGroups[0].name "General" must be a DNS label`);
    expectInvalid(group({ name: "a".repeat(25) }), "nodeGroups[0].name", "at most 24 characters");
    expectInvalid(
      build({ nodeGroups: [{ name: "general", instanceTypes: ["m7i.large"], minSize: 1, maxSize: 2 }, { name: "general", instanceTypes: ["m7g.large"], minSize: 1, maxSize: 2 }] }),
      "nodeGroups[1].name",
      `nodeGroups[1].name "general" is used twice`,
    );
  });

  test("node group instance types and sizes", () => {
    expectInvalid(group({ instanceTypes: [] }), "nodeGroups[0].instanceTypes", "nodeGroups[0].instanceTypes is empty");
    expectInvalid(group({ instanceTypes: ["large"] }), "nodeGroups[0].instanceTypes", `nodeGroups[0].instanceTypes entry "large" is not an EC2 instance type`);
    expectInvalid(group({ minSize: -1 }), "nodeGroups[0].minSize", "nodeGroups[0].minSize -1 must be a whole number, 0 or more.");
    expectInvalid(group({ maxSize: 1.5 }), "nodeGroups[0].maxSize", "must be a whole number");
    expectInvalid(group({ minSize: 0, maxSize: 0 }), "nodeGroups[0].maxSize", "nodeGroups[0].maxSize 0 must be at least 1.");
    expectInvalid(group({ desiredSize: 5 }), "nodeGroups[0].desiredSize", "minSize <= desiredSize <= maxSize (got 1 <= 5 <= 3)");
    expectInvalid(group({ minSize: 4 }), "nodeGroups[0].desiredSize", "(got 4 <= 4 <= 3)");
  });

  test("node group image: an Amazon Linux 2023 family and a release of the cluster's Kubernetes version", () => {
    expectInvalid(group({ amiType: "AL2_x86_64" as never }), "nodeGroups[0].amiType", `nodeGroups[0].amiType "AL2_x86_64" is not supported; use one of AL2023_x86_64_STANDARD`);
    expectInvalid(group({ amiType: "BOTTLEROCKET_x86_64" as never }), "nodeGroups[0].amiType", "is not supported");
    expectInvalid(group({ releaseVersion: "latest" }), "nodeGroups[0].releaseVersion", `nodeGroups[0].releaseVersion "latest" is not an AMI release of Kubernetes 1.35; pass one such as "1.35.0-20250519"`);
    expectInvalid(group({ releaseVersion: "1.32.3-20250519" }), "nodeGroups[0].releaseVersion", "is not an AMI release of Kubernetes 1.35");
  });

  test("node group labels, taints and root volume", () => {
    expectInvalid(group({ labels: { "bad key": "x" } }), "nodeGroups[0].labels", `nodeGroups[0].labels "bad key": "x" is not a Kubernetes label`);
    expectInvalid(group({ labels: { pool: "-x" } }), "nodeGroups[0].labels", "is not a Kubernetes label");
    expectInvalid(group({ labels: { "Example.com/pool": "x" } }), "nodeGroups[0].labels", "is not a Kubernetes label");
    expect(() => group({ labels: { "example.com/pool": "", "tier": "web_1.a" } })()).not.toThrow();
    expectInvalid(group({ taints: [{ key: "a/b/c", effect: "NO_SCHEDULE" }] }), "nodeGroups[0].taints[0].key", `nodeGroups[0].taints[0].key "a/b/c" is not a Kubernetes taint key`);
    expectInvalid(group({ taints: [{ key: "dedicated", value: "a b", effect: "NO_SCHEDULE" }] }), "nodeGroups[0].taints[0].value", "is not a Kubernetes taint value");
    expectInvalid(group({ taints: [{ key: "dedicated", effect: "NoSchedule" as never }] }), "nodeGroups[0].taints[0].effect", `nodeGroups[0].taints[0].effect "NoSchedule" is not a taint effect; use "NO_SCHEDULE", "NO_EXECUTE", "PREFER_NO_SCHEDULE".`);
    expectInvalid(group({ rootVolumeSizeGiB: 10 }), "nodeGroups[0].rootVolumeSizeGiB", "nodeGroups[0].rootVolumeSizeGiB 10 must be a whole number from 20 to 16384.");
  });

  test("the error names the construct and its path", () => {
    const error = expectInvalid(build({ name: "Main" }), "name", `HardenedCluster "cluster": name "Main"`);
    expect(error.path).toBe("cluster/cluster");
    expect(error.kind).toBe("HardenedCluster");
  });
});

describe("HardenedCluster.podIdentity validation", () => {
  test("namespace and service account must be Kubernetes names", () => {
    const { stack, cluster } = hardenedCluster();
    const orders = new ServiceIdentity(stack, "orders", { serviceName: "orders", trust: { kind: "eks-pod-identity", clusterArn: cluster.clusterArn } });
    expectInvalid(() => cluster.podIdentity("Orders", "orders", orders), "namespace", `namespace "Orders" must be a DNS label`);
    expectInvalid(() => cluster.podIdentity("orders", "Orders_SA", orders), "serviceAccount", `serviceAccount "Orders_SA" is not a Kubernetes service account name`);
  });

  test("the identity must trust this cluster's pods, and be of its account", () => {
    const { stack, cluster } = hardenedCluster();
    const ec2 = new ServiceIdentity(stack, "hosts", { serviceName: "hosts", trust: { kind: "ec2" } });
    expectInvalid(() => cluster.podIdentity("orders", "orders", ec2), "identity", `identity trusts "ec2"; pods get credentials only from a ServiceIdentity with trust { kind: "eks-pod-identity", clusterArn: cluster.clusterArn }.`);
    const anyCluster = new ServiceIdentity(stack, "any", { serviceName: "any", trust: { kind: "eks-pod-identity" } });
    expectInvalid(() => cluster.podIdentity("orders", "orders", anyCluster), "identity", `identity of "any" trusts the pods of any cluster of the account, not of this cluster; pass trust { kind: "eks-pod-identity", clusterArn: "${CLUSTER_ARN}" }.`);
    const other = new ServiceIdentity(stack, "other", { serviceName: "other", trust: { kind: "eks-pod-identity", clusterArn: `arn:aws:eks:${REGION}:${ACCOUNT}:cluster/other` } });
    expectInvalid(() => cluster.podIdentity("orders", "orders", other), "identity", `trusts the pods of "arn:aws:eks:${REGION}:${ACCOUNT}:cluster/other", not of this cluster`);
  });

  test("in a stack without an environment, an identity of another account is refused", () => {
    const stack = newStack();
    const network = new SegmentedNetwork(stack, "network", {
      name: "k8s",
      cidr: "10.70.0.0/16",
      accountId: ACCOUNT,
      region: REGION,
      availabilityZones: ["eu-west-1a", "eu-west-1b"],
      interfaceEndpoints: CLUSTER_NETWORK_ENDPOINTS,
    });
    const cluster = new HardenedCluster(stack, "cluster", { ...clusterProps(network), accountId: ACCOUNT, region: REGION });
    const foreign = ServiceIdentity.fromRoleArn(stack, "foreign", "arn:aws:iam::210987654321:role/orders", {
      serviceName: "orders",
      region: REGION,
      trust: { kind: "eks-pod-identity", clusterArn: CLUSTER_ARN },
    });
    expectInvalid(() => cluster.podIdentity("orders", "orders", foreign), "identity", `identity of "orders" is in account 210987654321, not the cluster's ${ACCOUNT}; use a role of the cluster's account.`);
  });

  test("one association per service account", () => {
    const { stack, cluster } = hardenedCluster();
    const orders = new ServiceIdentity(stack, "orders", { serviceName: "orders", trust: { kind: "eks-pod-identity", clusterArn: cluster.clusterArn } });
    cluster.podIdentity("orders", "orders", orders);
    expectInvalid(() => cluster.podIdentity("orders", "orders", orders), "serviceAccount", "service account orders/orders already has a Pod Identity association");
    expectInvalid(() => cluster.podIdentity("kube-system", "aws-node", orders), "serviceAccount", "service account kube-system/aws-node already has a Pod Identity association");
  });
});
