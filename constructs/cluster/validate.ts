import { IEnvironment } from "../core/environment";
import { ErrorSource, ValidationError } from "../core/errors";
import { isToken, requireArns } from "../core/validate";
import { INSTANCE_TYPE } from "../compute/host-settings";
import { LOG_RETENTION_DAYS } from "../network/validation";
import { ClusterNodeGroupProps, HardenedClusterProps, NODE_AMI_TYPES, NodeTaint } from "./props";
import { KUBERNETES_VERSIONS_AS_OF, KUBERNETES_VERSION_FORMAT, supportedKubernetesVersions } from "./versions";

/** Longest cluster name: derived names (`<name>-vpc-cni` identity, `<name>-<group>` node groups) stay within AWS limits. */
export const MAX_CLUSTER_NAME_LENGTH = 24;

/** Shortest retention of the control-plane logs, in days. */
export const MIN_CLUSTER_LOG_RETENTION_DAYS = 365;

/**
 * Interface endpoints the nodes of a cluster need: EC2 (the VPC CNI assigns addresses), ECR (images), STS and EKS Auth
 * (EKS Pod Identity hands pods their credentials). The node group reaches nothing on the internet, so a network with
 * NAT needs them too.
 * @see https://docs.aws.amazon.com/eks/latest/userguide/private-clusters.html
 */
export const CLUSTER_INTERFACE_ENDPOINTS: readonly string[] = ["ec2", "ecr.api", "ecr.dkr", "sts", "eks-auth"];

const DNS_LABEL = /^[a-z]([a-z0-9-]*[a-z0-9])?$/;
const LABEL_NAME = /^[A-Za-z0-9]([A-Za-z0-9_.-]{0,61}[A-Za-z0-9])?$/;
const LABEL_PREFIX = /^[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?$/;
const RELEASE_VERSION = /^(\d+\.\d+)\.\d+-\d{8}$/;
const TAINT_EFFECTS = ["NO_SCHEDULE", "NO_EXECUTE", "PREFER_NO_SCHEDULE"];

/** True when `key` is a Kubernetes label key: an optional DNS subdomain prefix and `/`, then a name of at most 63 characters. */
export function isLabelKey(key: string): boolean {
  const parts = key.split("/");
  if (parts.length > 2) return false;
  const name = parts[parts.length - 1];
  return LABEL_NAME.test(name) && (parts.length === 1 || LABEL_PREFIX.test(parts[0]));
}

/** True when `value` is a Kubernetes label value: empty, or at most 63 letters, digits, `-`, `_` and `.` starting and ending alphanumeric. */
export function isLabelValue(value: string): boolean {
  return value === "" || LABEL_NAME.test(value);
}

/** Throws unless `name` is a DNS label of at most `max` characters. */
export function requireDnsLabel(source: ErrorSource, prop: string, name: string, max: number, example: string): void {
  if (typeof name !== "string" || isToken(name) || name.length > max || !DNS_LABEL.test(name)) {
    throw new ValidationError(source, prop, `${prop} "${name}" must be a DNS label of at most ${max} characters (lowercase letters, digits and hyphens, starting with a letter); use e.g. "${example}".`);
  }
}

/** Throws unless `version` is a `major.minor` Kubernetes version of {@link supportedKubernetesVersions}. */
export function requireKubernetesVersion(source: ErrorSource, version: string): void {
  const supported = supportedKubernetesVersions();
  if (typeof version !== "string" || !KUBERNETES_VERSION_FORMAT.test(version)) {
    throw new ValidationError(source, "kubernetesVersion", `kubernetesVersion "${version}" is not a Kubernetes minor version; pass "major.minor", e.g. "${supported[supported.length - 1]}".`);
  }
  if (!supported.includes(version)) {
    throw new ValidationError(
      source,
      "kubernetesVersion",
      `kubernetesVersion "${version}" is not in EKS standard support (as of ${KUBERNETES_VERSIONS_AS_OF}: ${supported.join(", ")}); pass one of those, or update policies/shared/eks-versions.ts from the EKS version calendar.`,
    );
  }
}

/** Checks the props of a cluster (node groups included) before anything is created. */
export function validateCluster(source: ErrorSource, props: HardenedClusterProps, env: IEnvironment): void {
  requireDnsLabel(source, "name", props.name, MAX_CLUSTER_NAME_LENGTH, "platform");
  requireKubernetesVersion(source, props.kubernetesVersion);
  validateAdmins(source, props.admins, env);
  requireArns(source, "keyAdminRoleArns", props.keyAdminRoleArns ?? [], env.partition, "iam", /^role\/.+/, `arn:${env.partition}:iam::123456789012:role/platform-admin`);
  const days = props.logRetentionDays ?? MIN_CLUSTER_LOG_RETENTION_DAYS;
  if (!LOG_RETENTION_DAYS.includes(days) || days < MIN_CLUSTER_LOG_RETENTION_DAYS) {
    const allowed = LOG_RETENTION_DAYS.filter((d) => d >= MIN_CLUSTER_LOG_RETENTION_DAYS);
    throw new ValidationError(source, "logRetentionDays", `logRetentionDays ${days} must be a retention CloudWatch Logs accepts of at least ${MIN_CLUSTER_LOG_RETENTION_DAYS} days: ${allowed.join(", ")}.`);
  }
  for (const key of Object.keys(props.tags ?? {})) {
    if (key === "zt:cluster") throw new ValidationError(source, "tags", `tags key "zt:cluster" is set by the construct; remove it from tags.`);
  }
  validateNetwork(source, props, env);
  validateNodeGroups(source, props.nodeGroups, props.kubernetesVersion);
}

function validateAdmins(source: ErrorSource, admins: readonly string[] | undefined, env: IEnvironment): void {
  if (!Array.isArray(admins) || admins.length === 0) {
    throw new ValidationError(source, "admins", `admins names no role; pass at least one IAM role ARN to administer the cluster (the creator gets no access of its own), e.g. "arn:${env.partition}:iam::${env.accountId}:role/platform-admin".`);
  }
  requireArns(source, "admins", admins, env.partition, "iam", /^role\/.+/, `arn:${env.partition}:iam::${env.accountId}:role/platform-admin`);
  const seen = new Set<string>();
  for (const arn of admins) {
    if (seen.has(arn)) throw new ValidationError(source, "admins", `admins lists "${arn}" twice; name each role once.`);
    seen.add(arn);
  }
}

function validateNetwork(source: ErrorSource, props: HardenedClusterProps, env: IEnvironment): void {
  const { network } = props;
  for (const [field, mine, theirs] of [["accountId", env.accountId, network.accountId], ["region", env.region, network.region]] as const) {
    if (!isToken(mine) && !isToken(theirs) && mine !== theirs) {
      throw new ValidationError(source, `network.${field}`, `network ${field} "${theirs}" differs from the cluster's "${mine}"; use a network of the cluster's account and region.`);
    }
  }
  if (!network.hasTier("private")) {
    throw new ValidationError(source, "network", `the network has no private tier; the cluster's endpoint and nodes run only in private subnets, so enable the private tier.`);
  }
  const missing = CLUSTER_INTERFACE_ENDPOINTS.filter((service) => network.interfaceEndpoint(service) === undefined);
  if (missing.length > 0) {
    throw new ValidationError(
      source,
      "network",
      `the network has no interface endpoint for ${missing.join(", ")}, which the nodes need (their security group reaches nothing on the internet, NAT or not) for addresses, images and pod credentials; add ${missing.map((s) => `"${s}"`).join(", ")} to the network's interfaceEndpoints.`,
    );
  }
}

function validateNodeGroups(source: ErrorSource, groups: readonly ClusterNodeGroupProps[] | undefined, kubernetesVersion: string): void {
  if (!Array.isArray(groups) || groups.length === 0) {
    throw new ValidationError(source, "nodeGroups", `nodeGroups is empty; declare at least one managed node group (CoreDNS and every workload need nodes).`);
  }
  const names = new Set<string>();
  groups.forEach((group, i) => {
    const at = `nodeGroups[${i}]`;
    requireDnsLabel(source, `${at}.name`, group.name, MAX_CLUSTER_NAME_LENGTH, "general");
    if (names.has(group.name)) throw new ValidationError(source, `${at}.name`, `${at}.name "${group.name}" is used twice; give each node group its own name.`);
    names.add(group.name);
    validateNodeGroup(source, at, group, kubernetesVersion);
  });
}

function validateNodeGroup(source: ErrorSource, at: string, group: ClusterNodeGroupProps, kubernetesVersion: string): void {
  if (!Array.isArray(group.instanceTypes) || group.instanceTypes.length === 0) {
    throw new ValidationError(source, `${at}.instanceTypes`, `${at}.instanceTypes is empty; pass at least one EC2 instance type, e.g. "m7i.large".`);
  }
  for (const type of group.instanceTypes) {
    if (!INSTANCE_TYPE.test(type)) throw new ValidationError(source, `${at}.instanceTypes`, `${at}.instanceTypes entry "${type}" is not an EC2 instance type; pass one such as "m7i.large".`);
  }
  validateSizes(source, at, group);
  if (group.amiType !== undefined && !NODE_AMI_TYPES.includes(group.amiType)) {
    throw new ValidationError(source, `${at}.amiType`, `${at}.amiType "${group.amiType}" is not supported; use one of ${NODE_AMI_TYPES.join(", ")} (Amazon Linux 2023, root volume /dev/xvda).`);
  }
  if (group.releaseVersion !== undefined) {
    const match = RELEASE_VERSION.exec(group.releaseVersion);
    if (!match || match[1] !== kubernetesVersion) {
      throw new ValidationError(source, `${at}.releaseVersion`, `${at}.releaseVersion "${group.releaseVersion}" is not an AMI release of Kubernetes ${kubernetesVersion}; pass one such as "${kubernetesVersion}.0-20250519", or leave it out for the latest.`);
    }
  }
  for (const [key, value] of Object.entries(group.labels ?? {})) {
    if (!isLabelKey(key) || !isLabelValue(value)) {
      throw new ValidationError(source, `${at}.labels`, `${at}.labels "${key}": "${value}" is not a Kubernetes label; keys are [prefix/]name and values at most 63 letters, digits, '-', '_' and '.'.`);
    }
  }
  (group.taints ?? []).forEach((taint, j) => validateTaint(source, `${at}.taints[${j}]`, taint));
  const size = group.rootVolumeSizeGiB;
  if (size !== undefined && (!Number.isInteger(size) || size < 20 || size > 16384)) {
    throw new ValidationError(source, `${at}.rootVolumeSizeGiB`, `${at}.rootVolumeSizeGiB ${size} must be a whole number from 20 to 16384.`);
  }
}

function validateSizes(source: ErrorSource, at: string, group: ClusterNodeGroupProps): void {
  const desired = group.desiredSize ?? group.minSize;
  for (const [name, value] of [["minSize", group.minSize], ["maxSize", group.maxSize], ["desiredSize", desired]] as const) {
    if (!Number.isInteger(value) || value < 0) throw new ValidationError(source, `${at}.${name}`, `${at}.${name} ${value} must be a whole number, 0 or more.`);
  }
  if (group.maxSize < 1) throw new ValidationError(source, `${at}.maxSize`, `${at}.maxSize ${group.maxSize} must be at least 1.`);
  if (!(group.minSize <= desired && desired <= group.maxSize)) {
    throw new ValidationError(source, `${at}.desiredSize`, `${at} sizes must satisfy minSize <= desiredSize <= maxSize (got ${group.minSize} <= ${desired} <= ${group.maxSize}); adjust them.`);
  }
}

function validateTaint(source: ErrorSource, at: string, taint: NodeTaint): void {
  if (!isLabelKey(taint.key)) {
    throw new ValidationError(source, `${at}.key`, `${at}.key "${taint.key}" is not a Kubernetes taint key; use [prefix/]name such as "dedicated".`);
  }
  if (taint.value !== undefined && !isLabelValue(taint.value)) {
    throw new ValidationError(source, `${at}.value`, `${at}.value "${taint.value}" is not a Kubernetes taint value; use at most 63 letters, digits, '-', '_' and '.'.`);
  }
  if (!TAINT_EFFECTS.includes(taint.effect)) {
    throw new ValidationError(source, `${at}.effect`, `${at}.effect "${taint.effect}" is not a taint effect; use ${TAINT_EFFECTS.map((e) => `"${e}"`).join(", ")}.`);
  }
}
