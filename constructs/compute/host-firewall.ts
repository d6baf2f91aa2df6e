import { Construct } from "constructs";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { parseCidr } from "../network/cidr";
import { constructError, isToken } from "../identity/validate";

/** Transport protocol of a host rule. */
export type HostProtocol = "tcp" | "udp";

/** Traffic a host group admits: one port from one named security group. */
export interface HostIngress {
  /** Security group whose members may connect. */
  readonly fromSecurityGroupId: string;
  /** Destination port on the hosts, 1–65535. */
  readonly port: number;
  /**
   * Transport protocol.
   *
   * @default "tcp"
   */
  readonly protocol?: HostProtocol;
  /** Why the traffic is needed (1–255 characters of the set AWS allows in rule descriptions). */
  readonly description: string;
}

/** Where a host group may connect to: exactly one of a security group, a CIDR block or a prefix list. */
export interface HostEgressDestination {
  /**
   * Security group whose members the hosts may reach.
   *
   * @default - not a security group destination
   */
  readonly toSecurityGroupId?: string;
  /**
   * IPv4 block the hosts may reach. `/0` blocks are refused; see `allowInternetEgress` of HardenedHost.
   *
   * @default - not a CIDR destination
   */
  readonly toCidr?: string;
  /**
   * Managed prefix list the hosts may reach, e.g. the S3 gateway endpoint's `pl-...` (a prop or a resource
   * attribute, never a lookup).
   *
   * @default - not a prefix list destination
   */
  readonly toPrefixListId?: string;
}

/** Traffic a host group may send: one port to one destination. */
export interface HostEgress extends HostEgressDestination {
  /** Destination port, 1–65535. */
  readonly port: number;
  /**
   * Transport protocol.
   *
   * @default "tcp"
   */
  readonly protocol?: HostProtocol;
  /** Why the traffic is needed (1–255 characters of the set AWS allows in rule descriptions). */
  readonly description: string;
}

/** Properties of a {@link HostFirewall}. */
export interface HostFirewallProps {
  /** Construct kind and id named in errors, e.g. `HardenedHost "api"`. */
  readonly owner: { readonly kind: string; readonly id: string };
  /** Name of the security group. */
  readonly name: string;
  /** Description of the security group. */
  readonly description: string;
  /** VPC of the security group. */
  readonly vpcId: string;
  /** Tags of the group and its rules. */
  readonly tags: Record<string, string>;
}

const DESCRIPTION = /^[A-Za-z0-9 ._\-:/()#,@[\]+=&;{}!$*]{1,255}$/;

/**
 * The security group of one host group, with rules only as separate `aws_vpc_security_group_*_rule`
 * resources. The group itself declares no `ingress` or `egress` blocks: when it creates a group in a VPC
 * the AWS provider removes the allow-all egress rule AWS adds, and leaving the blocks unset keeps it from
 * managing (and fighting) the separate rules. Setting `egress = []` instead would make every apply delete them.
 * The result is deterministic: no traffic but the rules declared here.
 */
export class HostFirewall extends Construct {
  /** The security group. */
  readonly securityGroup: SecurityGroup;
  /** Id of the security group. */
  readonly securityGroupId: string;
  private readonly owner: { readonly kind: string; readonly id: string };
  private readonly tags: Record<string, string>;
  private readonly counters = new Map<string, number>();

  constructor(scope: Construct, id: string, props: HostFirewallProps) {
    super(scope, id);
    this.owner = props.owner;
    this.tags = props.tags;
    this.securityGroup = new SecurityGroup(this, "group", {
      name: props.name,
      description: props.description,
      vpcId: props.vpcId,
      revokeRulesOnDelete: true,
      tags: { ...props.tags, Name: props.name },
    });
    this.securityGroupId = this.securityGroup.id;
  }

  /** Admits `port` from members of `peerSecurityGroupId`. */
  allowFrom(peerSecurityGroupId: string, port: number, description: string, protocol: HostProtocol = "tcp"): VpcSecurityGroupIngressRule {
    this.check("ingress", port, protocol, description);
    if (!peerSecurityGroupId || (!isToken(peerSecurityGroupId) && !/^sg-[0-9a-f]{8,17}$/.test(peerSecurityGroupId))) {
      throw this.error(`ingress fromSecurityGroupId "${peerSecurityGroupId}" is not a security group id; pass another group's id (sg-...), never a CIDR.`);
    }
    return new VpcSecurityGroupIngressRule(this, this.ruleId("ingress", protocol, port), {
      securityGroupId: this.securityGroupId,
      referencedSecurityGroupId: peerSecurityGroupId,
      ipProtocol: protocol,
      fromPort: port,
      toPort: port,
      description,
      tags: this.tags,
    });
  }

  /** Lets the hosts reach `port` on one destination. */
  allowTo(destination: HostEgressDestination, port: number, description: string, protocol: HostProtocol = "tcp"): VpcSecurityGroupEgressRule {
    this.check("egress", port, protocol, description);
    const given = (["toSecurityGroupId", "toCidr", "toPrefixListId"] as const).filter((k) => destination[k] !== undefined);
    if (given.length !== 1) {
      throw this.error(`egress "${description}" must name exactly one of toSecurityGroupId, toCidr and toPrefixListId (got ${given.length === 0 ? "none" : given.join(" and ")}).`);
    }
    const { toSecurityGroupId, toCidr, toPrefixListId } = destination;
    if (toSecurityGroupId !== undefined && !isToken(toSecurityGroupId) && !/^sg-[0-9a-f]{8,17}$/.test(toSecurityGroupId)) {
      throw this.error(`egress toSecurityGroupId "${toSecurityGroupId}" is not a security group id; pass the group's id (sg-...).`);
    }
    if (toPrefixListId !== undefined && !isToken(toPrefixListId) && !/^pl-[0-9a-f]{8,17}$/.test(toPrefixListId)) {
      throw this.error(`egress toPrefixListId "${toPrefixListId}" is not a prefix list id; pass its id (pl-...).`);
    }
    if (toCidr !== undefined) this.checkCidr(toCidr);
    return this.egressRule(destination, port, description, protocol);
  }

  /**
   * Lets the hosts reach HTTPS anywhere on the internet. Only HardenedHost's `allowInternetEgress` calls this,
   * after checking the hosts sit in a private tier with NAT.
   */
  allowInternetHttps(description: string): VpcSecurityGroupEgressRule {
    return this.egressRule({ toCidr: "0.0.0.0/0" }, 443, description, "tcp");
  }

  private egressRule(destination: HostEgressDestination, port: number, description: string, protocol: HostProtocol): VpcSecurityGroupEgressRule {
    return new VpcSecurityGroupEgressRule(this, this.ruleId("egress", protocol, port), {
      securityGroupId: this.securityGroupId,
      referencedSecurityGroupId: destination.toSecurityGroupId,
      cidrIpv4: destination.toCidr,
      prefixListId: destination.toPrefixListId,
      ipProtocol: protocol,
      fromPort: port,
      toPort: port,
      description,
      tags: this.tags,
    });
  }

  private checkCidr(cidr: string): void {
    if (isToken(cidr)) return;
    const parsed = parseCidr(cidr);
    if (!parsed.ok) throw this.error(`egress toCidr "${cidr}" ${parsed.reason}; pass an IPv4 block such as "10.30.0.0/16".`);
    if (parsed.cidr.prefix === 0) {
      throw this.error(`egress toCidr "${cidr}" opens the whole internet; set allowInternetEgress (private tier with NAT only) or name the destination.`);
    }
  }

  private check(direction: "ingress" | "egress", port: number, protocol: string, description: string): void {
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
      throw this.error(`${direction} port ${port} must be a whole number from 1 to 65535.`);
    }
    if (protocol !== "tcp" && protocol !== "udp") {
      throw this.error(`${direction} protocol "${protocol}" is not allowed; use "tcp" or "udp" (rules name one port of one protocol).`);
    }
    if (typeof description !== "string" || !DESCRIPTION.test(description)) {
      throw this.error(
        `${direction} description "${description}" must be 1 to 255 characters of letters, digits, spaces and ._-:/()#,@[]+=&;{}!$*; say why the traffic is needed.`,
      );
    }
  }

  private ruleId(direction: string, protocol: string, port: number): string {
    const base = `${direction}-${protocol}-${port}`;
    const n = (this.counters.get(base) ?? 0) + 1;
    this.counters.set(base, n);
    return `${base}-${n}`;
  }

  private error(message: string): Error {
    return constructError(this.owner.kind, this.owner.id, message);
  }
}
