import { DefaultTokenResolver, StringConcat, Token, Tokenization } from "cdktf";
import { Construct, IConstruct } from "constructs";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { MIN_REASON_LENGTH } from "../../policies/engine/suppressions";
import { Policy } from "../../policies/policy";
import { parseCidr } from "../network/cidr";
import { INTERNET_EGRESS_RULE_ID } from "../rule-ids";
import { ErrorSource, ValidationError } from "./errors";
import { Port } from "./port";

/** Something with network connections: a host group, an endpoint security group, a CIDR peer. */
export interface IConnectable {
  /** The security group rules of the construct, and how others name it in theirs. */
  readonly connections: Connections;
}

/** What a security group rule names on its other side: exactly one of these is set. */
export interface RuleTarget {
  /**
   * A security group.
   *
   * @default - not a security group
   */
  readonly referencedSecurityGroupId?: string;
  /**
   * An IPv4 block.
   *
   * @default - not an IPv4 block
   */
  readonly cidrIpv4?: string;
  /**
   * A managed prefix list.
   *
   * @default - not a prefix list
   */
  readonly prefixListId?: string;
}

/** A peer as a rule in the stack of `scope` names it. */
export interface ResolvedPeer {
  /**
   * Stable name of the peer, used in rule construct ids: the literal id or block, or, for a value known only after
   * apply, the logical id of the resource it comes from (derived from that construct's path, never from token text).
   */
  readonly name: string;
  /** Label in default rule descriptions and messages, e.g. `security group sg-0123...` or `10.30.0.0/16`. */
  readonly label: string;
  /** The rule attributes naming the peer. */
  readonly target: RuleTarget;
  /** True for `0.0.0.0/0`, which only {@link Connections.allowToInternet} may name. */
  readonly internet: boolean;
}

/** The other side of a security group rule: a security group, an IPv4 block or a prefix list. */
export interface IPeer extends IConnectable {
  /** The peer as rules created in `scope` name it. */
  resolve(scope: IConstruct): ResolvedPeer;
}

/** The security group whose rules a {@link Connections} writes. */
export interface ConnectionsSecurityGroup {
  /** Construct the rule resources are created in (their construct ids are made from the peer and the port). */
  readonly scope: Construct;
  /** Id of the security group (a literal `sg-...` or a resource attribute). */
  readonly securityGroupId: string;
  /**
   * Tags of every rule.
   *
   * @default - no tags
   */
  readonly tags?: Readonly<Record<string, string>>;
}

/** Properties of a {@link Connections}. */
export interface ConnectionsProps {
  /** Construct named in errors, e.g. `{ kind: "HardenedHost", id: "api", path: "platform/api" }`. */
  readonly source: ErrorSource;
  /**
   * The security group this object writes rules on.
   *
   * @default - none: the object only names a peer in other groups' rules
   */
  readonly securityGroup?: ConnectionsSecurityGroup;
  /**
   * How other groups' rules name this connectable.
   *
   * @default - the security group
   */
  readonly peer?: IPeer;
  /**
   * The port others connect to when they name none (`allowTo(this)`, `allowDefaultPortFrom(other)`).
   *
   * @default - none: callers name the port
   */
  readonly defaultPort?: Port;
}

/** Characters AWS allows in security group rule descriptions. */
const DESCRIPTION = /^[A-Za-z0-9 ._\-:/()#,@[\]+=&;{}!$*]{1,255}$/;

/** The IPv4 block of the whole internet. */
const ANY_IPV4 = "0.0.0.0/0";

/** True when `description` is 1–255 characters AWS allows in a rule description. */
export function isRuleDescription(description: unknown): description is string {
  return typeof description === "string" && DESCRIPTION.test(description);
}

/**
 * The network paths of one security group, in the aws-cdk-lib style: `hosts.connections.allowTo(database, Port.tcp(5432))`
 * writes an egress rule on the hosts' group and an ingress rule on the database's group, each naming the other group.
 * Either side may be a peer without a group of its own ({@link Peer.ipv4}, {@link Peer.prefixList}); then only the
 * other side gets a rule.
 *
 * Rules are `aws_vpc_security_group_{ingress,egress}_rule` resources whose construct ids derive from the direction, the
 * port and the peer (`egress-tcp-5432-to-<peer>`), never from a counter: calls may come in any order without renaming
 * live rules, and a call that repeats a rule returns the rule made the first time (AWS rejects duplicate rules).
 *
 * The whole internet (`0.0.0.0/0`) is refused as a peer; {@link Connections.allowToInternet} opens egress to it and
 * records the decision as a suppression of ZT-NET-014 that every policy report shows.
 */
export class Connections implements IConnectable {
  /** This object (so a Connections is itself connectable). */
  public readonly connections: Connections;
  /** The port others connect to when they name none. */
  public readonly defaultPort?: Port;
  /** How other groups' rules name this connectable. */
  public readonly peer: IPeer;
  /** The security group this object writes rules on. */
  public readonly securityGroup?: ConnectionsSecurityGroup;
  private readonly source: ErrorSource;
  private readonly rules = new Map<string, VpcSecurityGroupIngressRule | VpcSecurityGroupEgressRule>();

  constructor(props: ConnectionsProps) {
    this.connections = this;
    this.source = props.source;
    this.securityGroup = props.securityGroup;
    this.defaultPort = props.defaultPort;
    const peer = props.peer ?? (props.securityGroup ? Peer.securityGroupId(props.securityGroup.securityGroupId) : undefined);
    if (!peer) throw this.error("peer", "needs a security group or a peer; pass securityGroup, peer or both.");
    this.peer = peer;
  }

  /**
   * Lets this side open connections to `other` on `port`: an egress rule here, and an ingress rule on `other`'s
   * security group when it has one. Returns the egress rule (undefined when this side has no security group).
   *
   * @param port the port on `other`; defaults to `other`'s default port
   * @param description why the traffic is needed; defaults to the port and the peer
   */
  public allowTo(other: IConnectable, port?: Port, description?: string): VpcSecurityGroupEgressRule | undefined {
    const target = this.counterpart(other, "allowTo");
    const chosen = port ?? target.defaultPort;
    if (!chosen) throw this.error("port", `allowTo names no port and the peer has no default port; pass one, e.g. Port.tcp(443).`);
    target.addIngress(this.peer, chosen, description);
    return this.addEgress(target.peer, chosen, description);
  }

  /**
   * Admits connections from `other` on `port`: an ingress rule here, and an egress rule on `other`'s security group
   * when it has one. Returns the ingress rule (undefined when this side has no security group).
   *
   * @param port the port on this side; defaults to this side's default port
   * @param description why the traffic is needed; defaults to the port and the peer
   */
  public allowFrom(other: IConnectable, port?: Port, description?: string): VpcSecurityGroupIngressRule | undefined {
    const source = this.counterpart(other, "allowFrom");
    const chosen = port ?? this.defaultPort;
    if (!chosen) throw this.error("port", `allowFrom names no port and this side has no default port; pass one, e.g. Port.tcp(443).`);
    source.addEgress(this.peer, chosen, description);
    return this.addIngress(source.peer, chosen, description);
  }

  /** Admits connections from `other` on this side's default port (throws when there is none). */
  public allowDefaultPortFrom(other: IConnectable, description?: string): VpcSecurityGroupIngressRule | undefined {
    if (!this.defaultPort) throw this.error("defaultPort", "allowDefaultPortFrom needs a default port, and this side has none; call allowFrom with a port.");
    return this.allowFrom(other, this.defaultPort, description);
  }

  /**
   * Lets this side reach `port` on any internet address (`0.0.0.0/0`). The opening is a decision: it is recorded
   * on the rule as a suppression of ZT-NET-014 (security group egress to the internet) with the reason
   * `<optOut> on <Kind> "<id>": <reason>`, so every policy report shows it. Prefer a named block ({@link Peer.ipv4}).
   *
   * @see https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html
   */
  public allowToInternet(port: Port, options: InternetEgressOptions): VpcSecurityGroupEgressRule {
    const optOut = options.optOut ?? "allowToInternet";
    if (!this.securityGroup) throw this.error("allowToInternet", "allowToInternet needs a security group on this side to write the egress rule on.");
    if (typeof options.reason !== "string" || options.reason.trim().length < MIN_REASON_LENGTH) {
      throw this.error("reason", `${optOut} needs a reason of at least ${MIN_REASON_LENGTH} characters saying why the traffic must reach the internet.`);
    }
    const rule = this.writeRule("egress", INTERNET, port, options.description);
    Policy.suppress(rule, INTERNET_EGRESS_RULE_ID, { reason: `${optOut} on ${this.source.kind} "${this.source.id}": ${options.reason}` });
    return rule as VpcSecurityGroupEgressRule;
  }

  private counterpart(other: IConnectable, method: string): Connections {
    const them = other?.connections;
    if (!them) throw this.error("other", `${method} needs a connectable (a construct with connections, or a Peer).`);
    if (them === this) throw this.error("other", `${method} connects ${this.source.kind} "${this.source.id}" to itself; name another peer.`);
    if (!this.securityGroup && !them.securityGroup) {
      throw this.error("other", `${method} joins two peers without security groups, so there is no rule to write; connect a construct that has one.`);
    }
    return them;
  }

  private addIngress(peer: IPeer, port: Port, description: string | undefined): VpcSecurityGroupIngressRule | undefined {
    if (!this.securityGroup) return undefined;
    return this.writeRule("ingress", peer, port, description) as VpcSecurityGroupIngressRule;
  }

  private addEgress(peer: IPeer, port: Port, description: string | undefined): VpcSecurityGroupEgressRule | undefined {
    if (!this.securityGroup) return undefined;
    return this.writeRule("egress", peer, port, description) as VpcSecurityGroupEgressRule;
  }

  private writeRule(direction: "ingress" | "egress", peer: IPeer, port: Port, description: string | undefined): VpcSecurityGroupIngressRule | VpcSecurityGroupEgressRule {
    const group = this.securityGroup!;
    const resolved = peer.resolve(group.scope);
    if (resolved.internet && peer !== INTERNET) {
      throw this.error("other", `${direction === "ingress" ? "ingress from" : "egress to"} ${ANY_IPV4} opens the whole internet; name the addresses (Peer.ipv4) or, for egress, call allowToInternet with a reason.`);
    }
    const preposition = direction === "ingress" ? "from" : "to";
    const id = `${direction}-${port.id}-${preposition}-${resolved.name}`;
    const existing = this.rules.get(id);
    if (existing) return existing;
    const text = description ?? `${port.description} ${preposition} ${resolved.label}`;
    if (!isRuleDescription(text)) {
      throw this.error("description", `${direction} description "${text}" must be 1 to 255 characters of letters, digits, spaces and ._-:/()#,@[]+=&;{}!$*; say why the traffic is needed.`);
    }
    const config = {
      securityGroupId: group.securityGroupId,
      ...resolved.target,
      ipProtocol: port.protocol,
      fromPort: port.fromPort,
      toPort: port.toPort,
      description: text,
      tags: group.tags === undefined ? undefined : { ...group.tags },
    };
    const rule = direction === "ingress" ? new VpcSecurityGroupIngressRule(group.scope, id, config) : new VpcSecurityGroupEgressRule(group.scope, id, config);
    this.rules.set(id, rule);
    return rule;
  }

  private error(prop: string, message: string): ValidationError {
    return new ValidationError(this.source, prop, message);
  }
}

/** Options of {@link Connections.allowToInternet}. */
export interface InternetEgressOptions {
  /** Why the traffic must reach the internet (at least as long as a policy suppression reason must be). */
  readonly reason: string;
  /**
   * The prop or method that opened the path, named first in the recorded reason.
   *
   * @default "allowToInternet"
   */
  readonly optOut?: string;
  /**
   * Description of the rule.
   *
   * @default - the port and "the internet"
   */
  readonly description?: string;
}

/** A peer with fixed attributes and a resolver of its name. */
class StaticPeer implements IPeer {
  public readonly connections: Connections;

  constructor(
    private readonly kind: string,
    private readonly value: string,
    private readonly make: (name: string) => ResolvedPeer,
  ) {
    this.connections = new Connections({ source: { kind: "Peer", id: `${kind}(${value})`, path: "" }, peer: this });
  }

  public resolve(scope: IConstruct): ResolvedPeer {
    return this.make(Token.isUnresolved(this.value) ? referenceName(scope, this.value, this.kind) : this.value);
  }
}

/**
 * A stable name for the value a token stands for, from what it refers to: the logical id of a resource
 * (`network_endpoints_security-group_1A2B3C4D` for `${aws_security_group.network_endpoints_security-group_1A2B3C4D.id}`,
 * which cdktf derives from the resource's construct path), `data-<logical id>` for a data source, `var-<name>` for a
 * variable and `local-<name>` for a local. Never the token's own text, which changes with creation order.
 */
function referenceName(scope: IConstruct, value: string, kind: string): string {
  const text = Tokenization.resolve(value, { scope, preparing: false, resolver: new DefaultTokenResolver(new StringConcat()) });
  const inner = typeof text === "string" ? /^\$\{([A-Za-z0-9_.-]+)\}$/.exec(text)?.[1] : undefined;
  const parts = inner?.split(".") ?? [];
  if (parts.length === 2 && (parts[0] === "var" || parts[0] === "local")) return `${parts[0]}-${parts[1]}`;
  if (parts.length === 4 && parts[0] === "data") return `data-${parts[2]}`;
  if (parts.length === 3 && parts.every((part) => part !== "")) return parts[1];
  throw new ValidationError(
    { kind: "Peer", id: kind, path: scope.node.path },
    kind,
    `${kind} must be a literal or one attribute of a resource, data source, variable or local (such as group.id), got ${String(text)}.`,
  );
}

/** The peer of the whole internet; only {@link Connections.allowToInternet} writes rules naming it. */
const INTERNET: IPeer = new StaticPeer("ipv4", ANY_IPV4, () => ({ name: "internet", label: "the internet", target: { cidrIpv4: ANY_IPV4 }, internet: true }));

/** Factories of peers that are not constructs of this library: a security group id, an IPv4 block, a prefix list. */
export class Peer {
  /**
   * A security group by id: a literal `sg-...` or a resource attribute such as `group.id` (named in rule ids by
   * the logical id of its resource).
   */
  public static securityGroupId(securityGroupId: string): IPeer {
    if (!Token.isUnresolved(securityGroupId) && !/^sg-[0-9a-f]{8,17}$/.test(String(securityGroupId))) {
      throw peerError("securityGroupId", `security group id "${securityGroupId}" is not one; pass a group's id (sg-...), never a CIDR.`);
    }
    return new StaticPeer("securityGroupId", securityGroupId, (name) => ({
      name,
      label: `security group ${name}`,
      target: { referencedSecurityGroupId: securityGroupId },
      internet: false,
    }));
  }

  /** An IPv4 block, e.g. `10.30.0.0/16`. `0.0.0.0/0` is refused where rules are written; see {@link Connections.allowToInternet}. */
  public static ipv4(cidr: string): IPeer {
    if (!Token.isUnresolved(cidr)) {
      const parsed = parseCidr(cidr);
      if (!parsed.ok) throw peerError("ipv4", `"${cidr}" ${parsed.reason}; pass an IPv4 block such as "10.30.0.0/16".`);
    }
    return new StaticPeer("ipv4", cidr, (name) => ({
      name: name.replace(/[./]/g, "-"),
      label: name === cidr ? cidr : `block ${name}`,
      target: { cidrIpv4: cidr },
      internet: cidr === ANY_IPV4,
    }));
  }

  /** A managed prefix list: a literal `pl-...` or a resource attribute such as a gateway endpoint's `prefixListId`. */
  public static prefixList(prefixListId: string): IPeer {
    if (!Token.isUnresolved(prefixListId) && !/^pl-[0-9a-f]{8,17}$/.test(String(prefixListId))) {
      throw peerError("prefixList", `prefix list id "${prefixListId}" is not one; pass its id (pl-...).`);
    }
    return new StaticPeer("prefixList", prefixListId, (name) => ({
      name,
      label: `prefix list ${name}`,
      target: { prefixListId },
      internet: false,
    }));
  }
}

/** An error naming the factory call (a peer belongs to no construct). */
function peerError(factory: string, message: string): ValidationError {
  return new ValidationError({ kind: "Peer", id: factory, path: "" }, factory, message);
}
