import { Construct } from "constructs";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { Connections, IConnectable, IPeer, Peer, isRuleDescription } from "../core/connections";
import { ErrorSource, ValidationError } from "../core/errors";
import { Port, PortProtocol } from "../core/port";
import { isToken } from "../core/validate";
import { parseCidr } from "../network/cidr";

/** Transport protocol of a host rule. */
export type HostProtocol = PortProtocol;

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
  /** Construct kind and id named in errors, e.g. `HardenedHost "api"` (the firewall's scope). */
  readonly owner: {
    /** Construct kind, e.g. `HardenedHost`. */
    readonly kind: string;
    /** Construct id, e.g. `api`. */
    readonly id: string;
  };
  /** Name of the security group. */
  readonly name: string;
  /** Description of the security group. */
  readonly description: string;
  /** VPC of the security group. */
  readonly vpcId: string;
  /** Tags of the group and its rules. */
  readonly tags: Record<string, string>;
  /**
   * The port the hosts serve on, which peers connect to when they name none.
   *
   * @default - none
   */
  readonly defaultPort?: Port;
}

/**
 * The security group of one host group, with rules only as separate `aws_vpc_security_group_*_rule`
 * resources written through {@link HostFirewall.connections}. The group itself declares no `ingress` or `egress`
 * blocks: when it creates a group in a VPC the AWS provider removes the allow-all egress rule AWS adds, and leaving
 * the blocks unset keeps it from managing (and fighting) the separate rules. Setting `egress = []` instead would make
 * every apply delete them. The result is deterministic: no traffic but the rules declared here.
 */
export class HostFirewall extends Construct implements IConnectable {
  /** The security group. */
  readonly securityGroup: SecurityGroup;
  /** Id of the security group. */
  readonly securityGroupId: string;
  /** The group's rules: `firewall.connections.allowTo(peer, Port.tcp(5432))`. */
  readonly connections: Connections;
  private readonly source: ErrorSource;

  constructor(scope: Construct, id: string, props: HostFirewallProps) {
    super(scope, id);
    this.source = { kind: props.owner.kind, id: props.owner.id, path: scope.node.path };
    this.securityGroup = new SecurityGroup(this, "group", {
      name: props.name,
      description: props.description,
      vpcId: props.vpcId,
      revokeRulesOnDelete: true,
      tags: { ...props.tags, Name: props.name },
    });
    this.securityGroupId = this.securityGroup.id;
    this.connections = new Connections({
      source: this.source,
      securityGroup: { scope: this, securityGroupId: this.securityGroupId, tags: props.tags },
      defaultPort: props.defaultPort,
    });
  }

  /** Adds one rule of HardenedHost's `ingress` prop, checked with the prop's messages. */
  addIngress(rule: HostIngress): VpcSecurityGroupIngressRule {
    const { fromSecurityGroupId, port, description, protocol = "tcp" } = rule;
    this.check("ingress", port, protocol, description);
    if (!fromSecurityGroupId || (!isToken(fromSecurityGroupId) && !/^sg-[0-9a-f]{8,17}$/.test(fromSecurityGroupId))) {
      throw this.error("fromSecurityGroupId", `ingress fromSecurityGroupId "${fromSecurityGroupId}" is not a security group id; pass another group's id (sg-...), never a CIDR.`);
    }
    return this.connections.allowFrom(Peer.securityGroupId(fromSecurityGroupId), Port.of(protocol, port), description)!;
  }

  /** Adds one rule of HardenedHost's `egress` prop, checked with the prop's messages. */
  addEgress(rule: HostEgress): VpcSecurityGroupEgressRule {
    const { port, description, protocol = "tcp" } = rule;
    this.check("egress", port, protocol, description);
    return this.connections.allowTo(this.peerOf(rule, description), Port.of(protocol, port), description)!;
  }

  /**
   * Admits `port` from members of `peerSecurityGroupId`.
   *
   * @deprecated use `connections.allowFrom(Peer.securityGroupId(id), Port.tcp(port), description)`
   */
  allowFrom(peerSecurityGroupId: string, port: number, description: string, protocol: HostProtocol = "tcp"): VpcSecurityGroupIngressRule {
    return this.addIngress({ fromSecurityGroupId: peerSecurityGroupId, port, description, protocol });
  }

  /**
   * Lets the hosts reach `port` on one destination.
   *
   * @deprecated use `connections.allowTo(peer, Port.tcp(port), description)` with `Peer.securityGroupId`, `Peer.ipv4` or `Peer.prefixList`
   */
  allowTo(destination: HostEgressDestination, port: number, description: string, protocol: HostProtocol = "tcp"): VpcSecurityGroupEgressRule {
    return this.addEgress({ ...destination, port, description, protocol });
  }

  /** The peer of an egress destination, checked as the `egress` prop of HardenedHost is. */
  private peerOf(destination: HostEgressDestination, description: string): IPeer {
    const given = (["toSecurityGroupId", "toCidr", "toPrefixListId"] as const).filter((k) => destination[k] !== undefined);
    if (given.length !== 1) {
      throw this.error("egress", `egress "${description}" must name exactly one of toSecurityGroupId, toCidr and toPrefixListId (got ${given.length === 0 ? "none" : given.join(" and ")}).`);
    }
    const { toSecurityGroupId, toCidr, toPrefixListId } = destination;
    if (toSecurityGroupId !== undefined) {
      if (!isToken(toSecurityGroupId) && !/^sg-[0-9a-f]{8,17}$/.test(toSecurityGroupId)) {
        throw this.error("toSecurityGroupId", `egress toSecurityGroupId "${toSecurityGroupId}" is not a security group id; pass the group's id (sg-...).`);
      }
      return Peer.securityGroupId(toSecurityGroupId);
    }
    if (toPrefixListId !== undefined) {
      if (!isToken(toPrefixListId) && !/^pl-[0-9a-f]{8,17}$/.test(toPrefixListId)) {
        throw this.error("toPrefixListId", `egress toPrefixListId "${toPrefixListId}" is not a prefix list id; pass its id (pl-...).`);
      }
      return Peer.prefixList(toPrefixListId);
    }
    this.checkCidr(toCidr!);
    return Peer.ipv4(toCidr!);
  }

  private checkCidr(cidr: string): void {
    if (isToken(cidr)) return;
    const parsed = parseCidr(cidr);
    if (!parsed.ok) throw this.error("toCidr", `egress toCidr "${cidr}" ${parsed.reason}; pass an IPv4 block such as "10.30.0.0/16".`);
    if (parsed.cidr.prefix === 0) {
      throw this.error("toCidr", `egress toCidr "${cidr}" opens the whole internet; set allowInternetEgress (private tier with NAT only) or name the destination.`);
    }
  }

  private check(direction: "ingress" | "egress", port: number, protocol: string, description: string): void {
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
      throw this.error("port", `${direction} port ${port} must be a whole number from 1 to 65535.`);
    }
    if (protocol !== "tcp" && protocol !== "udp") {
      throw this.error("protocol", `${direction} protocol "${protocol}" is not allowed; use "tcp" or "udp" (rules name one port of one protocol).`);
    }
    if (!isRuleDescription(description)) {
      throw this.error(
        "description",
        `${direction} description "${description}" must be 1 to 255 characters of letters, digits, spaces and ._-:/()#,@[]+=&;{}!$*; say why the traffic is needed.`,
      );
    }
  }

  private error(prop: string, message: string): ValidationError {
    return new ValidationError(this.source, prop, message);
  }
}
