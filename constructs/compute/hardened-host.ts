import { Construct } from "constructs";
import { Token } from "cdktf";
import { AutoscalingAttachment } from "@cdktf/provider-aws/lib/autoscaling-attachment";
import { AutoscalingGroup } from "@cdktf/provider-aws/lib/autoscaling-group";
import { Instance } from "@cdktf/provider-aws/lib/instance";
import { LaunchTemplate } from "@cdktf/provider-aws/lib/launch-template";
import { LbTargetGroupAttachment } from "@cdktf/provider-aws/lib/lb-target-group-attachment";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { Connections, IConnectable, Peer } from "../core/connections";
import { ErrorSource, ValidationError, errorSource } from "../core/errors";
import { Port } from "../core/port";
import { isToken, requireArns } from "../core/validate";
import { IServiceIdentity } from "../identity/service-identity";
import { Tier } from "../network/props";
import { ServiceKey } from "../secrets/service-key";
import { HardenedHostProps, HostMode } from "./hardened-host-props";
import { HostEgressDestination, HostFirewall, HostProtocol } from "./host-firewall";
import { AMI_ID, INSTANCE_TYPE, base64UserData, metadataSettings } from "./host-settings";

const KIND = "HardenedHost";

/** Checked sizes of an auto scaling group. */
interface Sizes {
  /** Fewest instances. */
  readonly min: number;
  /** Most instances. */
  readonly max: number;
  /** Instances to start with. */
  readonly desired: number;
}

/**
 * A group of EC2 hosts for one service with zero-trust defaults:
 *
 * - IMDSv2 only (hop limit 1, 2 with `containers`), no instance tags in metadata, detailed monitoring.
 * - No public IP, no key pair (there is no prop for one): access is SSM Session Manager through the service
 *   identity's instance profile, which carries only the SSM Agent's inline policy besides explicit grants.
 * - Only in the private or isolated tier. gp3 root volume encrypted with a customer-managed key, deleted
 *   with the instance.
 * - A security group with no ingress, and egress only to the network's interface endpoints (443), the S3
 *   gateway endpoint (443) and named destinations. Rules are separate resources (see {@link HostFirewall}); open more
 *   paths with {@link HardenedHost.connections}, e.g. `callers.connections.allowTo(hosts)` on the hosts' `defaultPort`.
 * - By default an auto scaling group over the tier's subnets, on the launch template's latest version (a number
 *   pinned at apply, never `$Latest`), with rolling instance refresh when the template changes.
 *
 * Auto scaling groups launch through the account's service-linked role `AWSServiceRoleForAutoScaling`, so the
 * volume key's policy names that role. KMS rejects a key policy naming a role that does not exist: in an account
 * that never had an auto scaling group, create the role first (`aws iam create-service-linked-role
 * --aws-service-name autoscaling.amazonaws.com`).
 */
export class HardenedHost extends Construct implements IConnectable {
  /** The identity the hosts run as. */
  readonly identity: IServiceIdentity;
  /** The security group and its rules. */
  readonly firewall: HostFirewall;
  /** Id of the hosts' security group. */
  readonly securityGroupId: string;
  /** The network paths of the hosts' security group, with `defaultPort` as the port others connect to. */
  readonly connections: Connections;
  /** The dedicated root volume key, when no `kmsKey` was given. */
  readonly key?: ServiceKey;
  /** ARN of the key encrypting the root volumes. */
  readonly kmsKeyArn: string;
  /** Subnet tier of the hosts. */
  readonly subnetTier: Tier;
  /** How the hosts run. */
  readonly mode: HostMode;
  /** The launch template (autoscaling mode). */
  readonly launchTemplate?: LaunchTemplate;
  /** The auto scaling group (autoscaling mode). */
  readonly autoScalingGroup?: AutoscalingGroup;
  /** The instance (instance mode). */
  readonly instance?: Instance;
  /** Name shared by the group's resources, `<service>-<id>`. */
  readonly groupName: string;
  /** Name of the service the hosts run (its identity's service name, the `zt:service` tag). */
  readonly serviceName: string;

  constructor(scope: Construct, id: string, props: HardenedHostProps) {
    const source = errorSource(KIND, scope, id);
    super(scope, id);
    const { identity, network } = props;
    const mode = props.mode ?? "autoscaling";
    const tier = props.subnetTier ?? "private";
    validate(source, props, mode, tier);
    const sizes = mode === "autoscaling" ? sizesOf(source, props) : undefined;
    const containers = props.containers ?? false;

    this.identity = identity;
    this.mode = mode;
    this.subnetTier = tier;
    this.groupName = `${identity.serviceName}-${id}`;
    this.serviceName = identity.serviceName;
    const tags = { ...(props.tags ?? {}), "zt:service": identity.serviceName };

    this.firewall = new HostFirewall(this, "firewall", {
      owner: { kind: KIND, id },
      name: `${this.groupName}-hosts`,
      description: `Hosts of ${this.groupName}: ingress only from named security groups, egress only to named destinations`,
      vpcId: network.vpcId,
      tags,
      defaultPort: props.defaultPort,
    });
    this.securityGroupId = this.firewall.securityGroupId;
    this.connections = this.firewall.connections;

    if (network.endpointSecurityGroupId !== undefined) {
      this.connections.allowTo(Peer.securityGroupId(network.endpointSecurityGroupId), Port.HTTPS, "HTTPS to the VPC interface endpoints");
      network.allowEndpointAccessFrom(this.securityGroupId, `HTTPS from ${this.groupName} hosts`);
    }
    if (props.s3GatewayEgress ?? true) {
      this.connections.allowTo(Peer.prefixList(network.gatewayEndpoint("s3").prefixListId), Port.HTTPS, "HTTPS to S3 through the gateway endpoint");
    }
    if (props.allowInternetEgress) {
      // The opening is a decision made with a prop; it travels with the stack and shows in every report.
      this.connections.allowToInternet(Port.HTTPS, {
        optOut: "allowInternetEgress",
        reason: `the hosts of ${this.groupName} may open HTTPS connections to any internet address through NAT`,
        description: "HTTPS to the internet through NAT (allowInternetEgress)",
      });
    }
    for (const rule of props.ingress ?? []) this.firewall.addIngress(rule);
    for (const rule of props.egress ?? []) this.firewall.addEgress(rule);

    let keyArn: string;
    if (props.kmsKey === undefined) {
      this.key = new ServiceKey(this, "volume-key", {
        owner: identity.serviceName,
        purpose: `${id}-ebs`,
        accountId: identity.accountId,
        region: identity.region,
        partition: identity.partition,
        usedThrough: "ec2",
        adminRoleArns: props.keyAdminRoleArns,
        description: `Encrypts the root volumes of ${this.groupName}`,
        tags,
      });
      keyArn = this.key.keyArn;
      allowVolumeEncryption(this.key, mode);
    } else if (typeof props.kmsKey === "string") {
      keyArn = props.kmsKey;
    } else {
      keyArn = props.kmsKey.keyArn;
      allowVolumeEncryption(props.kmsKey, mode);
    }
    this.kmsKeyArn = keyArn;

    const metadata = metadataSettings(containers);
    const rootVolume = {
      volumeType: "gp3",
      volumeSize: props.rootVolumeSizeGiB ?? 20,
      kmsKeyId: keyArn,
    };
    const profileName = identity.instanceProfileName!;
    const instanceType = props.instanceType ?? "t3.micro";
    const userData = base64UserData(props.userData);
    const subnetIds = network.subnetIds(tier);

    if (mode === "instance") {
      this.instance = new Instance(this, "instance", {
        ami: props.amiId,
        instanceType,
        subnetId: subnetIds[0],
        vpcSecurityGroupIds: [this.securityGroupId],
        associatePublicIpAddress: false,
        iamInstanceProfile: profileName,
        monitoring: true,
        ebsOptimized: true,
        metadataOptions: metadata,
        rootBlockDevice: { ...rootVolume, encrypted: true, deleteOnTermination: true },
        userDataBase64: userData,
        volumeTags: { ...tags, Name: this.groupName },
        tags: { ...tags, Name: this.groupName },
      });
      return;
    }

    this.launchTemplate = new LaunchTemplate(this, "launch-template", {
      name: this.groupName,
      description: `Hardened hosts of ${this.groupName}`,
      imageId: props.amiId,
      instanceType,
      ebsOptimized: "true",
      updateDefaultVersion: true,
      iamInstanceProfile: { name: profileName },
      metadataOptions: metadata,
      monitoring: { enabled: true },
      networkInterfaces: [
        {
          deviceIndex: 0,
          associatePublicIpAddress: "false",
          deleteOnTermination: "true",
          securityGroups: [this.securityGroupId],
        },
      ],
      blockDeviceMappings: [
        {
          deviceName: props.rootDeviceName ?? "/dev/xvda",
          ebs: { ...rootVolume, encrypted: "true", deleteOnTermination: "true" },
        },
      ],
      tagSpecifications: ["instance", "volume", "network-interface"].map((resourceType) => ({
        resourceType,
        tags: { ...tags, Name: this.groupName },
      })),
      userData,
      tags,
    });

    this.autoScalingGroup = new AutoscalingGroup(this, "group", {
      name: this.groupName,
      minSize: sizes!.min,
      maxSize: sizes!.max,
      desiredCapacity: sizes!.desired,
      vpcZoneIdentifier: subnetIds,
      launchTemplate: { id: this.launchTemplate.id, version: Token.asString(this.launchTemplate.latestVersion) },
      healthCheckType: props.healthCheckType ?? "EC2",
      healthCheckGracePeriod: props.healthCheckGracePeriodSeconds ?? 300,
      instanceRefresh: { strategy: "Rolling" },
      tag: Object.entries({ ...tags, Name: this.groupName }).map(([key, value]) => ({ key, value, propagateAtLaunch: true })),
    });
  }

  /**
   * Registers the hosts with a load balancer target group: an `aws_autoscaling_attachment` (the group then ignores
   * changes to `target_group_arns`, which the attachment manages), or in mode "instance" an
   * `aws_lb_target_group_attachment` on `port`. It opens no path: admit the load balancer with `connections`.
   */
  public attachToTargetGroup(id: string, targetGroupArn: string, port: Port): void {
    if (this.autoScalingGroup) {
      new AutoscalingAttachment(this, id, { autoscalingGroupName: this.autoScalingGroup.name, lbTargetGroupArn: targetGroupArn });
      this.autoScalingGroup.lifecycle = { ...(this.autoScalingGroup.lifecycle ?? {}), ignoreChanges: ["target_group_arns"] };
    } else {
      new LbTargetGroupAttachment(this, id, { targetGroupArn, targetId: this.instance!.id, port: port.fromPort });
    }
  }

  /**
   * Admits `port` on the hosts from members of `peerSecurityGroupId`.
   *
   * @deprecated use `connections.allowFrom(Peer.securityGroupId(id), Port.tcp(port), description)`
   */
  allowFrom(peerSecurityGroupId: string, port: number, description: string, protocol: HostProtocol = "tcp"): VpcSecurityGroupIngressRule {
    return this.firewall.addIngress({ fromSecurityGroupId: peerSecurityGroupId, port, description, protocol });
  }

  /**
   * Lets the hosts reach `port` on a security group, CIDR block or prefix list.
   *
   * @deprecated use `connections.allowTo(peer, Port.tcp(port), description)` with `Peer.securityGroupId`, `Peer.ipv4` or `Peer.prefixList`
   */
  allowTo(destination: HostEgressDestination, port: number, description: string, protocol: HostProtocol = "tcp"): VpcSecurityGroupEgressRule {
    return this.firewall.addEgress({ ...destination, port, description, protocol });
  }

  /**
   * Lets these hosts call `peer` on `port`: an egress rule here and an ingress rule on the peer, both naming
   * the other group.
   *
   * @deprecated use `connections.allowTo(peer, Port.tcp(port), description)`, which connects any two connectables
   */
  connectTo(peer: HardenedHost, port: number, description: string, protocol: HostProtocol = "tcp"): void {
    this.connections.allowTo(peer, Port.of(protocol, port), description);
  }
}

/**
 * Lets whoever launches the hosts encrypt their volumes with `key`: the Auto Scaling service-linked role for a
 * group, or, for a single instance, the principal that calls RunInstances (through EC2 only).
 */
function allowVolumeEncryption(key: ServiceKey, mode: HostMode): void {
  if (mode === "autoscaling") key.allowAutoScalingEbsUse();
  else key.allowAccountEbsUseThroughEc2();
}

function validate(source: ErrorSource, props: HardenedHostProps, mode: HostMode, tier: Tier): void {
  const { id } = source;
  const { identity, network } = props;
  if (!/^[a-z][a-z0-9-]{0,23}$/.test(id) || id.endsWith("-")) {
    throw new ValidationError(source, "id", `construct id must be a DNS label of at most 24 characters (it names the group's resources); use e.g. "api".`);
  }
  if (!identity || identity.trust.kind !== "ec2" || identity.instanceProfileName === undefined) {
    throw new ValidationError(source, "identity", `identity trusts "${identity?.trust.kind}"; hosts need a ServiceIdentity with trust { kind: "ec2" } for its instance profile.`);
  }
  for (const [field, mine, theirs] of [["accountId", identity.accountId, network.accountId], ["region", identity.region, network.region]] as const) {
    if (!isToken(mine) && !isToken(theirs) && mine !== theirs) {
      throw new ValidationError(source, `network.${field}`, `network ${field} "${theirs}" differs from the identity's "${mine}"; use the network the service runs in.`);
    }
  }
  if (typeof props.amiId !== "string" || isToken(props.amiId) || !AMI_ID.test(props.amiId)) {
    throw new ValidationError(source, "amiId", `amiId "${props.amiId}" is not a pinned AMI id; pass a literal such as "ami-0abcdef1234567890" (AMIs are never looked up).`);
  }
  if (props.instanceType !== undefined && !INSTANCE_TYPE.test(props.instanceType)) {
    throw new ValidationError(source, "instanceType", `instanceType "${props.instanceType}" is not an EC2 instance type; pass one such as "t3.micro".`);
  }
  if (mode !== "autoscaling" && mode !== "instance") {
    throw new ValidationError(source, "mode", `mode "${mode}" is not supported; use "autoscaling" or "instance".`);
  }
  if (tier === "public") {
    throw new ValidationError(source, "subnetTier", `subnetTier "public" is not allowed; place hosts in "private" or "isolated".`);
  }
  if (tier !== "private" && tier !== "isolated") {
    throw new ValidationError(source, "subnetTier", `subnetTier "${tier}" is not a tier; use "private" or "isolated".`);
  }
  if (!network.hasTier(tier)) {
    throw new ValidationError(source, "subnetTier", `subnetTier "${tier}" does not exist in the network; enable it in the network's tiers or use "private".`);
  }
  if (props.allowInternetEgress && (tier !== "private" || !network.hasNat)) {
    throw new ValidationError(
      source,
      "allowInternetEgress",
      `allowInternetEgress needs hosts in the private tier of a network with NAT gateways (subnetTier is "${tier}", NAT is ${network.hasNat ? "on" : "off"}); reach AWS through VPC endpoints instead.`,
    );
  }
  if (mode === "instance") {
    for (const prop of ["minSize", "maxSize", "desiredCapacity", "healthCheckType", "healthCheckGracePeriodSeconds"] as const) {
      if (props[prop] !== undefined) throw new ValidationError(source, prop, `${prop} applies only to mode "autoscaling"; remove it or drop mode "instance".`);
    }
  }
  const size = props.rootVolumeSizeGiB;
  if (size !== undefined && (!Number.isInteger(size) || size < 8 || size > 16384)) {
    throw new ValidationError(source, "rootVolumeSizeGiB", `rootVolumeSizeGiB ${size} must be a whole number from 8 to 16384.`);
  }
  if (props.rootDeviceName !== undefined && !/^\/dev\/[a-z0-9]+$/.test(props.rootDeviceName)) {
    throw new ValidationError(source, "rootDeviceName", `rootDeviceName "${props.rootDeviceName}" is not a device name; pass the AMI's root device, e.g. "/dev/xvda".`);
  }
  const grace = props.healthCheckGracePeriodSeconds;
  if (grace !== undefined && (!Number.isInteger(grace) || grace < 0)) {
    throw new ValidationError(source, "healthCheckGracePeriodSeconds", `healthCheckGracePeriodSeconds ${grace} must be a whole number of seconds, 0 or more.`);
  }
  if (typeof props.kmsKey === "string") {
    requireArns(source, "kmsKey", [props.kmsKey], identity.partition, "kms", /^key\/[0-9a-f-]+$/, `arn:${identity.partition}:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab`);
  }
  const admins = props.keyAdminRoleArns ?? [];
  requireArns(source, "keyAdminRoleArns", admins, identity.partition, "iam", /^role\/.+/, `arn:${identity.partition}:iam::123456789012:role/platform-admin`);
  if (props.kmsKey !== undefined && props.keyAdminRoleArns !== undefined) {
    throw new ValidationError(source, "keyAdminRoleArns", "keyAdminRoleArns applies only to the dedicated key; remove it or drop kmsKey.");
  }
}

function sizesOf(source: ErrorSource, props: HardenedHostProps): Sizes {
  const min = props.minSize ?? 1;
  const max = props.maxSize ?? Math.max(2, min);
  const desired = props.desiredCapacity ?? min;
  for (const [name, value] of [["minSize", min], ["maxSize", max], ["desiredCapacity", desired]] as const) {
    if (!Number.isInteger(value) || value < 0) throw new ValidationError(source, name, `${name} ${value} must be a whole number, 0 or more.`);
  }
  if (max < 1) throw new ValidationError(source, "maxSize", `maxSize ${max} must be at least 1.`);
  if (!(min <= desired && desired <= max)) {
    throw new ValidationError(source, "desiredCapacity", `sizes must satisfy minSize <= desiredCapacity <= maxSize (got ${min} <= ${desired} <= ${max}); adjust them.`);
  }
  return { min, max, desired };
}
