import { CLUSTER_NODES_TAG } from "../../policies/shared/service-graph";
import { Construct } from "constructs";
import { DefaultTokenResolver, ITerraformDependable, StringConcat, Tokenization } from "cdktf";
import { EksAccessEntry } from "@cdktf/provider-aws/lib/eks-access-entry";
import { EksAccessPolicyAssociation } from "@cdktf/provider-aws/lib/eks-access-policy-association";
import { EksAddon } from "@cdktf/provider-aws/lib/eks-addon";
import { EksCluster } from "@cdktf/provider-aws/lib/eks-cluster";
import { EksPodIdentityAssociation } from "@cdktf/provider-aws/lib/eks-pod-identity-association";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { HostFirewall } from "../compute/host-firewall";
import { Connections, IConnectable, Peer } from "../core/connections";
import { IEnvironment, formatArn, resolveEnvironment, servicePrincipal } from "../core/environment";
import { ErrorSource, ValidationError, errorSource, sourceOf } from "../core/errors";
import { policyDocument } from "../core/policy-document";
import { Port } from "../core/port";
import { isToken } from "../core/validate";
import { IServiceIdentity, ServiceIdentity } from "../identity/service-identity";
import { resourceTags } from "../network/tags";
import { accountRootArn } from "../secrets/key-policy";
import { ServiceKey } from "../secrets/service-key";
import { CONTROL_PLANE_LOG_TYPES, ControlPlaneLogs } from "./control-plane-logs";
import { ClusterNodeGroup } from "./node-group";
import { HardenedClusterProps } from "./props";
import { MIN_CLUSTER_LOG_RETENTION_DAYS, requireDnsLabel, validateCluster } from "./validate";

const KIND = "HardenedCluster";

/** Configuration of the VPC CNI add-on: the network policy agent enforces Kubernetes NetworkPolicies. */
export const VPC_CNI_CONFIGURATION: Readonly<Record<string, string>> = { enableNetworkPolicy: "true" };

/** Namespace and service account of the VPC CNI (`aws-node`), which get its credentials from EKS Pod Identity. */
export const VPC_CNI_SERVICE_ACCOUNT = { namespace: "kube-system", serviceAccount: "aws-node" } as const;

/** Actions of the secrets key's use by the cluster role. */
const SECRETS_KEY_USE_ACTIONS = ["kms:Decrypt", "kms:DescribeKey", "kms:Encrypt"];

/**
 * An Amazon EKS cluster with zero-trust defaults:
 *
 * - Private API endpoint only (`endpoint_public_access` false): there is no prop to make it public. The endpoint and
 *   the nodes live in the network's private tier.
 * - Kubernetes Secrets envelope-encrypted with a dedicated customer-managed key (`alias/<name>/eks-secrets`) that
 *   only the cluster role uses; principals of the account may create grants on it only through EKS, for AWS resources.
 * - All five control-plane log types to `/aws/eks/<name>/cluster`, created before the cluster, encrypted with its own
 *   customer-managed key and kept `logRetentionDays` (365 by default).
 * - Access entries only (`authentication_mode` API, no aws-auth ConfigMap) and no standing admin access for the
 *   creator: each role of `admins` gets an access entry with `AmazonEKSClusterAdminPolicy` at cluster scope.
 * - EKS managed add-ons only (`bootstrap_self_managed_addons` false): the EKS Pod Identity agent, kube-proxy, CoreDNS
 *   and the VPC CNI with network policy enforcement on (without it NetworkPolicies enforce nothing). The VPC CNI gets
 *   `AmazonEKS_CNI_Policy` through its own role and a Pod Identity association for `kube-system/aws-node`, never
 *   through the node role.
 * - Managed node groups from launch templates (see {@link ClusterNodeGroup}): IMDSv2 with hop limit 1, gp3 root
 *   volumes encrypted with a customer-managed key (`alias/<name>/nodes-ebs`), no SSH, no key pair; the node role
 *   carries only `AmazonEKSWorkerNodePolicy` and `AmazonEC2ContainerRegistryPullOnly`.
 * - A control-plane and a node security group without inline rules, whose paths are written through the
 *   connections API: nodes to the API (TCP 443), the control plane to the nodes (TCP 443 and the kubelet's 10250),
 *   every TCP and UDP port between nodes (pod traffic, including DNS to CoreDNS; which pods may talk is for
 *   NetworkPolicies, which the VPC CNI enforces), and from nodes HTTPS to the VPC interface endpoints and to S3 through
 *   the gateway endpoint. Nothing reaches the internet; open more with {@link nodeConnections} (for example
 *   `allowToInternet` with a reason, recorded as a suppression).
 * - Kubernetes versions in EKS standard support only (`constructs/cluster/versions.ts`), upgrade policy STANDARD (no
 *   extended support).
 *
 * EKS also attaches a security group of its own (`eks-cluster-sg-<name>-*`, all traffic among its members and all
 * egress) to the control-plane network interfaces; it cannot be turned off. The nodes do not get it: their launch
 * templates name the node security group only.
 *
 * Before the first apply: the role that deploys needs `kms:CreateGrant` and `kms:DescribeKey` on the secrets key in
 * its IAM policy (EKS creates the cluster's grant on its behalf); the account's Auto Scaling service-linked role must
 * exist, since the node volume key names it (see `HardenedHost`); and whoever runs `kubectl` reaches the private
 * endpoint from inside the VPC, admitted with `cluster.connections.allowFrom(runner)` (TCP 443).
 *
 * Workloads get AWS credentials with {@link podIdentity}, from a `ServiceIdentity` that trusts this cluster's pods.
 */
export class HardenedCluster extends Construct implements IConnectable {
  /** The cluster resource. */
  readonly cluster: EksCluster;
  /** Name of the cluster. */
  readonly clusterName: string;
  /** ARN of the cluster, known before apply: `arn:<partition>:eks:<region>:<account>:cluster/<name>`. */
  readonly clusterArn: string;
  /** URL of the Kubernetes API server (private). */
  readonly endpoint: string;
  /** Base64 PEM of the cluster's certificate authority. */
  readonly certificateAuthorityData: string;
  /** OIDC issuer URL of the cluster, for IAM roles for service accounts (prefer {@link podIdentity}). */
  readonly oidcIssuerUrl: string;
  /** Kubernetes minor version. */
  readonly kubernetesVersion: string;
  /** Role EKS assumes to run the control plane. */
  readonly clusterRole: IamRole;
  /** Role of the nodes. */
  readonly nodeRole: IamRole;
  /** Key envelope-encrypting Kubernetes Secrets. */
  readonly secretsKey: ServiceKey;
  /** Key encrypting the nodes' root volumes. */
  readonly nodeVolumeKey: ServiceKey;
  /** The control-plane log group and its key. */
  readonly logs: ControlPlaneLogs;
  /** Identity of the VPC CNI (`kube-system/aws-node`). */
  readonly vpcCniIdentity: ServiceIdentity;
  /** The EKS managed add-ons, by name. */
  readonly addons: Readonly<Record<string, EksAddon>>;
  /** The managed node groups, by declared name. */
  readonly nodeGroups: Readonly<Record<string, ClusterNodeGroup>>;
  /** Id of the control-plane security group made here. */
  readonly clusterSecurityGroupId: string;
  /** Id of the node security group. */
  readonly nodeSecurityGroupId: string;
  /** Paths of the control-plane security group; others reach the API with `connections.allowTo(cluster)` (TCP 443). */
  readonly connections: Connections;
  /** Paths of the node security group (the pods' too: pods use the nodes' network interfaces). */
  readonly nodeConnections: Connections;
  private readonly env: IEnvironment;
  private readonly podIdentities = new Map<string, EksPodIdentityAssociation>();

  constructor(scope: Construct, id: string, props: HardenedClusterProps) {
    const source = errorSource(KIND, scope, id);
    super(scope, id);
    const env = resolveEnvironment(scope, source, props);
    validateCluster(source, props, env);
    this.env = env;
    const name = props.name;
    const { network } = props;
    this.clusterName = name;
    this.kubernetesVersion = props.kubernetesVersion;
    this.clusterArn = formatArn(env, { service: "eks", resource: `cluster/${name}` });
    const tags = { ...(props.tags ?? {}), "zt:cluster": name };
    const keyAdminRoleArns = props.keyAdminRoleArns ?? [];
    const subnetIds = network.subnetIds("private");

    this.clusterRole = new IamRole(this, "cluster-role", {
      name: `${name}-cluster`,
      description: `Runs the control plane of EKS cluster ${name}`,
      assumeRolePolicy: policyDocument([
        { Sid: "EksControlPlane", Effect: "Allow", Principal: { Service: servicePrincipal(env, "eks") }, Action: ["sts:AssumeRole", "sts:TagSession"] },
      ]),
      forceDetachPolicies: true,
      tags: resourceTags(tags, `${name}-cluster`),
    });
    const clusterPolicy = this.attachManagedPolicy("cluster-policy", this.clusterRole, "AmazonEKSClusterPolicy");

    this.secretsKey = new ServiceKey(this, "secrets-key", {
      owner: name,
      purpose: "eks-secrets",
      usedThrough: "eks",
      accountId: env.accountId,
      region: env.region,
      partition: env.partition,
      adminRoleArns: keyAdminRoleArns.length > 0 ? [...keyAdminRoleArns] : undefined,
      description: `Envelope-encrypts the Kubernetes Secrets of EKS cluster ${name}`,
      tags,
    });
    this.allowSecretsEncryption();

    this.logs = new ControlPlaneLogs(this, "control-plane-logs", {
      clusterName: name,
      env,
      retentionDays: props.logRetentionDays ?? MIN_CLUSTER_LOG_RETENTION_DAYS,
      keyAdminRoleArns,
      tags,
    });

    const clusterFirewall = new HostFirewall(this, "cluster-firewall", {
      owner: { kind: KIND, id },
      name: `${name}-control-plane`,
      description: `Control plane of EKS cluster ${name}: only paths written through its connections`,
      vpcId: network.vpcId,
      tags,
      defaultPort: Port.HTTPS,
    });
    const nodeFirewall = new HostFirewall(this, "node-firewall", {
      owner: { kind: KIND, id },
      name: `${name}-nodes`,
      description: `Nodes of EKS cluster ${name}: only paths written through their connections`,
      vpcId: network.vpcId,
      // The group every pod of the cluster uses: the flow graph names it `cluster:<name>`.
      tags: { ...tags, [CLUSTER_NODES_TAG]: name },
    });
    this.clusterSecurityGroupId = clusterFirewall.securityGroupId;
    this.nodeSecurityGroupId = nodeFirewall.securityGroupId;
    this.connections = clusterFirewall.connections;
    this.nodeConnections = nodeFirewall.connections;
    this.openClusterPaths(network);

    this.cluster = new EksCluster(this, "cluster", {
      name,
      version: props.kubernetesVersion,
      roleArn: this.clusterRole.arn,
      vpcConfig: {
        subnetIds,
        securityGroupIds: [this.clusterSecurityGroupId],
        endpointPrivateAccess: true,
        endpointPublicAccess: false,
      },
      encryptionConfig: { resources: ["secrets"], provider: { keyArn: this.secretsKey.keyArn } },
      enabledClusterLogTypes: [...CONTROL_PLANE_LOG_TYPES],
      accessConfig: { authenticationMode: "API", bootstrapClusterCreatorAdminPermissions: false },
      bootstrapSelfManagedAddons: false,
      upgradePolicy: { supportType: "STANDARD" },
      tags: resourceTags(tags, name),
      dependsOn: [this.logs.logGroup, clusterPolicy],
    });
    this.endpoint = this.cluster.endpoint;
    this.certificateAuthorityData = this.cluster.certificateAuthority.get(0).data;
    this.oidcIssuerUrl = this.cluster.identity.get(0).oidc.get(0).issuer;

    this.grantAdmins(props.admins);

    this.vpcCniIdentity = new ServiceIdentity(this, "vpc-cni-identity", {
      serviceName: `${name}-vpc-cni`,
      accountId: env.accountId,
      region: env.region,
      partition: env.partition,
      trust: { kind: "eks-pod-identity", clusterArn: this.clusterArn },
      description: `VPC CNI (kube-system/aws-node) of EKS cluster ${name}`,
      tags,
    });
    const cniPolicy = this.attachManagedPolicy("vpc-cni-policy", this.vpcCniIdentity.roleName, "AmazonEKS_CNI_Policy");
    const cniAssociation = this.podIdentity(VPC_CNI_SERVICE_ACCOUNT.namespace, VPC_CNI_SERVICE_ACCOUNT.serviceAccount, this.vpcCniIdentity);

    const podIdentityAgent = this.addon("eks-pod-identity-agent", tags);
    const vpcCni = this.addon("vpc-cni", tags, { configurationValues: JSON.stringify(VPC_CNI_CONFIGURATION), dependsOn: [cniAssociation, cniPolicy] });
    const kubeProxy = this.addon("kube-proxy", tags);

    this.nodeRole = new IamRole(this, "node-role", {
      name: `${name}-nodes`,
      description: `Nodes of EKS cluster ${name}`,
      assumeRolePolicy: policyDocument([{ Sid: "Ec2Instances", Effect: "Allow", Principal: { Service: servicePrincipal(env, "ec2") }, Action: "sts:AssumeRole" }]),
      forceDetachPolicies: true,
      tags: resourceTags(tags, `${name}-nodes`),
    });
    const nodePolicies = ["AmazonEKSWorkerNodePolicy", "AmazonEC2ContainerRegistryPullOnly"].map((policy) =>
      this.attachManagedPolicy(`node-${policy}`, this.nodeRole, policy),
    );

    this.nodeVolumeKey = new ServiceKey(this, "node-volume-key", {
      owner: name,
      purpose: "nodes-ebs",
      usedThrough: "ec2",
      accountId: env.accountId,
      region: env.region,
      partition: env.partition,
      adminRoleArns: keyAdminRoleArns.length > 0 ? [...keyAdminRoleArns] : undefined,
      description: `Encrypts the root volumes of the nodes of EKS cluster ${name}`,
      tags,
    });
    // Managed node groups launch through the account's Auto Scaling service-linked role.
    this.nodeVolumeKey.allowAutoScalingEbsUse();

    const groups: Record<string, ClusterNodeGroup> = {};
    for (const spec of props.nodeGroups) {
      groups[spec.name] = new ClusterNodeGroup(this, `node-group-${spec.name}`, {
        spec,
        clusterName: name,
        clusterNameRef: this.cluster.name,
        nodeRoleArn: this.nodeRole.arn,
        subnetIds,
        securityGroupId: this.nodeSecurityGroupId,
        volumeKeyArn: this.nodeVolumeKey.keyArn,
        dependsOn: [...nodePolicies, vpcCni, podIdentityAgent, kubeProxy],
        tags,
      });
    }
    this.nodeGroups = groups;
    // CoreDNS runs on nodes: created before them, the add-on would wait for pods that cannot be scheduled.
    const coreDns = this.addon("coredns", tags, { dependsOn: Object.values(groups).map((g) => g.nodeGroup) });
    this.addons = { "eks-pod-identity-agent": podIdentityAgent, "vpc-cni": vpcCni, "kube-proxy": kubeProxy, coredns: coreDns };
  }

  /**
   * Lets pods running as `namespace/serviceAccount` in this cluster take `identity`'s role through EKS Pod Identity:
   * an `aws_eks_pod_identity_association`. The identity must trust this cluster's pods
   * (`trust: { kind: "eks-pod-identity", clusterArn: cluster.clusterArn }`) and be of the cluster's account; a service
   * account gets one association.
   * @see https://docs.aws.amazon.com/eks/latest/userguide/pod-identities.html
   */
  podIdentity(namespace: string, serviceAccount: string, identity: IServiceIdentity): EksPodIdentityAssociation {
    const source = sourceOf(KIND, this);
    requireDnsLabel(source, "namespace", namespace, 63, "orders");
    if (typeof serviceAccount !== "string" || !/^[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?$/.test(serviceAccount)) {
      throw new ValidationError(source, "serviceAccount", `serviceAccount "${serviceAccount}" is not a Kubernetes service account name; use lowercase letters, digits, '-' and '.', e.g. "orders".`);
    }
    this.requirePodIdentityTrust(source, identity);
    const key = `${namespace}/${serviceAccount}`;
    if (this.podIdentities.has(key)) {
      throw new ValidationError(source, "serviceAccount", `service account ${key} already has a Pod Identity association; EKS allows one per service account.`);
    }
    const association = new EksPodIdentityAssociation(this, `pod-identity-${namespace}-${serviceAccount}`, {
      clusterName: this.cluster.name,
      namespace,
      serviceAccount,
      roleArn: identity.roleArn,
      tags: { "zt:cluster": this.clusterName, "zt:service": identity.serviceName },
    });
    this.podIdentities.set(key, association);
    return association;
  }

  private requirePodIdentityTrust(source: ErrorSource, identity: IServiceIdentity): void {
    const trust = identity?.trust;
    if (trust?.kind !== "eks-pod-identity") {
      throw new ValidationError(source, "identity", `identity trusts "${trust?.kind}"; pods get credentials only from a ServiceIdentity with trust { kind: "eks-pod-identity", clusterArn: cluster.clusterArn }.`);
    }
    if (trust.clusterArn === undefined || (trust.clusterArn !== this.clusterArn && this.resolve(trust.clusterArn) !== this.resolve(this.cluster.arn))) {
      throw new ValidationError(
        source,
        "identity",
        `identity of "${identity.serviceName}" trusts the pods of ${trust.clusterArn === undefined ? "any cluster of the account" : `"${trust.clusterArn}"`}, not of this cluster; pass trust { kind: "eks-pod-identity", clusterArn: "${this.clusterArn}" }.`,
      );
    }
    if (!isToken(identity.accountId) && !isToken(this.env.accountId) && identity.accountId !== this.env.accountId) {
      throw new ValidationError(source, "identity", `identity of "${identity.serviceName}" is in account ${identity.accountId}, not the cluster's ${this.env.accountId}; use a role of the cluster's account.`);
    }
  }

  /** A value as the synthesized JSON writes it (a token becomes its `${...}` reference). */
  private resolve(value: string): unknown {
    return Tokenization.resolve(value, { scope: this, preparing: false, resolver: new DefaultTokenResolver(new StringConcat()) });
  }

  /**
   * The secrets key's policy: the cluster role encrypts and decrypts with it, and principals of the account may
   * create grants on it only through EKS, for AWS resources (EKS creates one for the cluster when the caller of
   * CreateCluster holds `kms:CreateGrant` on the key in an IAM policy).
   * @see https://docs.aws.amazon.com/eks/latest/userguide/enable-kms.html
   */
  private allowSecretsEncryption(): void {
    const env = this.env;
    this.secretsKey.allowUse({ sid: "ClusterRoleUsesForSecrets", principalArns: [this.clusterRole.arn], actions: SECRETS_KEY_USE_ACTIONS });
    this.secretsKey.allowUse({
      sid: "AccountGrantsThroughEksForSecrets",
      principalArns: [accountRootArn(env.partition, env.accountId)],
      actions: ["kms:CreateGrant"],
      conditions: [
        { test: "StringEquals", variable: "kms:ViaService", values: [this.secretsKey.viaService] },
        { test: "StringEquals", variable: "kms:CallerAccount", values: [env.accountId] },
        { test: "Bool", variable: "kms:GrantIsForAWSResource", values: ["true"] },
      ],
    });
  }

  /** Writes the cluster's network paths through the connections API. */
  private openClusterPaths(network: HardenedClusterProps["network"]): void {
    const nodes = this.nodeConnections;
    nodes.allowTo(this.connections, Port.HTTPS, "Kubelets and pods to the Kubernetes API");
    this.connections.allowTo(nodes, Port.HTTPS, "Control plane to webhooks and API services on nodes");
    this.connections.allowTo(nodes, Port.tcp(10250), "Control plane to kubelets (logs, exec, metrics)");
    // Pods use the nodes' interfaces: between nodes every port is open, and NetworkPolicies decide which pods talk.
    const peers = Peer.securityGroupId(this.nodeSecurityGroupId);
    for (const port of [Port.allTcp(), Port.allUdp()]) {
      nodes.allowTo(peers, port, `Pod traffic to other nodes of cluster ${this.clusterName}`);
      nodes.allowFrom(peers, port, `Pod traffic from other nodes of cluster ${this.clusterName}`);
    }
    if (network.endpointSecurityGroupId !== undefined) {
      nodes.allowTo(Peer.securityGroupId(network.endpointSecurityGroupId), Port.HTTPS, "HTTPS to the VPC interface endpoints");
      network.allowEndpointAccessFrom(this.nodeSecurityGroupId, `HTTPS from ${this.clusterName} nodes`);
    }
    nodes.allowTo(Peer.prefixList(network.gatewayEndpoint("s3").prefixListId), Port.HTTPS, "HTTPS to S3 (image layers) through the gateway endpoint");
  }

  private grantAdmins(admins: readonly string[]): void {
    const policyArn = `${this.env.arnPrefix}:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy`;
    const labels = new Set<string>();
    admins.forEach((principalArn, i) => {
      // Named by the role (its account added when two admins share a role name), by position only for tokens.
      const role = isToken(principalArn) ? `${i}` : principalArn.split("/").pop()!;
      const label = labels.has(role) ? `${role}-${principalArn.split(":")[4]}` : role;
      labels.add(label);
      const entry = new EksAccessEntry(this, `admin-${label}`, {
        clusterName: this.cluster.name,
        principalArn,
        type: "STANDARD",
        tags: { "zt:cluster": this.clusterName },
      });
      new EksAccessPolicyAssociation(this, `admin-${label}-policy`, {
        clusterName: this.cluster.name,
        principalArn: entry.principalArn,
        policyArn,
        accessScope: { type: "cluster" },
      });
    });
  }

  private addon(addonName: string, tags: Record<string, string>, options: { configurationValues?: string; dependsOn?: ITerraformDependable[] } = {}): EksAddon {
    return new EksAddon(this, `addon-${addonName}`, {
      clusterName: this.cluster.name,
      addonName,
      configurationValues: options.configurationValues,
      resolveConflictsOnCreate: "OVERWRITE",
      resolveConflictsOnUpdate: "OVERWRITE",
      tags,
      dependsOn: options.dependsOn,
    });
  }

  private attachManagedPolicy(id: string, role: IamRole | string, policy: string): IamRolePolicyAttachment {
    return new IamRolePolicyAttachment(this, id, {
      role: typeof role === "string" ? role : role.name,
      policyArn: `${this.env.arnPrefix}:iam::aws:policy/${policy}`,
    });
  }
}
