import { Model, Resource } from "../../engine/model";
import { fail, pass, unknown } from "../../engine/outcome";
import { Outcome, Ref } from "../../engine/types";
import { View } from "../../engine/view";
import { coversPort, isInternetCidr, normalizeProtocol, PortMatch } from "./_ports";
import { blocksUnknown, configuredBlocks, fromOutside, stringsAt } from "./_values";

/**
 * Security group rules are spread over three shapes: inline `ingress`/`egress` blocks of `aws_security_group` (and
 * `aws_default_security_group`), standalone `aws_security_group_rule` resources, and the newer
 * `aws_vpc_security_group_ingress_rule` / `aws_vpc_security_group_egress_rule`. This module collects all of them per
 * group, normalized, so each rule is written once.
 *
 * Where findings land: a rule evaluated on a group reports on the group's address (every rule that belongs to it,
 * whatever its shape, is judged there). A standalone rule resource whose `security_group_id` resolves to a group in
 * the same configuration is not applicable on its own (its group carries the finding); when the group is not in the
 * configuration (a literal `sg-...` id, a variable, a data source), the standalone resource is evaluated by itself and
 * reports on its own address.
 */

/** Group resource types whose rules are collected. */
export const GROUP_TYPES: readonly string[] = ["aws_security_group", "aws_default_security_group"];

/** Standalone rule resource types. */
export const STANDALONE_TYPES: readonly string[] = [
  "aws_security_group_rule",
  "aws_vpc_security_group_ingress_rule",
  "aws_vpc_security_group_egress_rule",
];

/** Every resource type a security-group rule check runs on. */
export const SG_RULE_TARGETS: readonly string[] = [...GROUP_TYPES, ...STANDALONE_TYPES];

export type Direction = "ingress" | "egress";

/** One security group rule, normalized across the three shapes. */
export interface SgRule extends PortMatch {
  readonly direction: Direction;
  /** Known IPv4 and IPv6 CIDRs. */
  readonly cidrs: readonly string[];
  /** CIDR values unknown until apply, each with the references it is computed from. */
  readonly unknownCidrs: readonly (readonly Ref[])[];
  /** Source (ingress) or destination (egress) security groups, as written. */
  readonly peerGroups: readonly string[];
  readonly self: boolean;
  readonly prefixLists: readonly string[];
  /** Address of the resource that defines the rule. */
  readonly origin: string;
  /** Human-readable name of the rule: `aws_security_group.web ingress[0]`, `aws_security_group_rule.ssh`. */
  readonly label: string;
  /** Short stable name: `ingress[0]` for an inline block, the address of a standalone rule. */
  readonly key: string;
  /** The CIDRs of `cidrs` that span a whole address family (the internet). */
  readonly internet: readonly string[];
  /** True when a CIDR unknown until apply could be set from outside the configuration (see `fromOutside`). */
  readonly outside: boolean;
}

/** The rules a check judges on one resource, or why some could not be read. */
export interface RuleSet {
  readonly rules: readonly SgRule[];
  /** Rules whose shape is unknown until apply (dynamic or computed blocks). */
  readonly unreadable: readonly string[];
}

/** Normalized rules of any supported resource (a group's inline blocks, or one standalone rule). */
export function ownRules(r: Resource): RuleSet {
  if (GROUP_TYPES.includes(r.type)) return inlineRules(r);
  const rule = standaloneRule(r);
  return { rules: rule ? [rule] : [], unreadable: rule ? [] : [`${r.address} has a direction unknown until apply`] };
}

/** The group (in this configuration) a standalone rule belongs to. */
export function groupOf(rule: Resource, model: Model): Resource | undefined {
  return model.referenced(rule, "security_group_id", GROUP_TYPES)[0];
}

/** Every rule of a group: inline blocks plus standalone rule resources whose `security_group_id` references it. */
export function rulesOfGroup(group: Resource, model: Model): RuleSet {
  return model.memoFor("net:rules-of-group", group, collectRulesOfGroup);
}

function collectRulesOfGroup(group: Resource, model: Model): RuleSet {
  const own = inlineRules(group);
  const rules = [...own.rules];
  const unreadable = [...own.unreadable];
  for (let i = 0; i < STANDALONE_TYPES.length; i++) {
    const type = STANDALONE_TYPES[i];
    const referrers = model.referrers(group, type, "security_group_id");
    for (let j = 0; j < referrers.length; j++) {
      const r = referrers[j];
      const rule = standaloneRule(r);
      if (rule) rules.push(rule);
      else unreadable.push(`${r.address} has a direction unknown until apply`);
    }
  }
  return { rules, unreadable };
}

/**
 * The rules a check judges on `r`: all rules of a group, or the standalone rule itself when its group is not in the
 * configuration. Undefined when `r` is a standalone rule judged on its group.
 */
export function ruleSetFor(r: Resource, model: Model): RuleSet | undefined {
  return model.memoFor("net:rule-set", r, collectRuleSet);
}

function collectRuleSet(r: Resource, model: Model): RuleSet | undefined {
  if (GROUP_TYPES.includes(r.type)) return rulesOfGroup(r, model);
  if (!STANDALONE_TYPES.includes(r.type)) return undefined;
  if (groupOf(r, model)) return undefined;
  return ownRules(r);
}

function inlineRules(group: Resource): RuleSet {
  const rules: SgRule[] = [];
  const unreadable: string[] = [];
  const dynamic = group.has("dynamic");
  const directions = ["ingress", "egress"] as const;
  for (let k = 0; k < directions.length; k++) {
    const direction = directions[k];
    const blocks = configuredBlocks(group, direction);
    for (let j = 0; j < blocks.length; j++) rules.push(fromInline(blocks[j], direction, group.address, direction));
    if (blocksUnknown(group, direction)) unreadable.push(`${group.address} ${direction} rules are computed by an expression`);
    if (!dynamic) continue;
    group.blocks(`dynamic.${direction}`).forEach((d, i) => {
      const content = d.blocks("content")[0];
      if (content) rules.push(fromInline(content, direction, group.address, `dynamic.${direction}`));
      else unreadable.push(`${group.address} dynamic ${direction}[${i}] has no readable content`);
    });
  }
  return { rules, unreadable };
}

/** Where one shape of rule keeps each part of it. */
interface RuleFields {
  readonly v4: string;
  readonly v6: string;
  readonly protocol: string;
  readonly peers: string;
  readonly prefixLists: string;
  /** Absent where the shape cannot name its own group. */
  readonly self?: string;
}

const INLINE_FIELDS: RuleFields = {
  v4: "cidr_blocks",
  v6: "ipv6_cidr_blocks",
  protocol: "protocol",
  peers: "security_groups",
  prefixLists: "prefix_list_ids",
  self: "self",
};
const RULE_RESOURCE_FIELDS: RuleFields = { ...INLINE_FIELDS, peers: "source_security_group_id" };
const VPC_RULE_FIELDS: RuleFields = {
  v4: "cidr_ipv4",
  v6: "cidr_ipv6",
  protocol: "ip_protocol",
  peers: "referenced_security_group_id",
  prefixLists: "prefix_list_id",
};

/**
 * Inline blocks are a set: a plan may list them in another order than the configuration, so an inline rule's key
 * names its content (`ingress:tcp:22-22`, `egress:all`) rather than its position.
 */
function fromInline(b: View, direction: Direction, origin: string, prefix: string): SgRule {
  return ruleOf(b, INLINE_FIELDS, direction, origin, prefix);
}

function standaloneRule(r: Resource): SgRule | undefined {
  if (r.type === "aws_security_group_rule") {
    const type = r.str("type");
    if (type !== "ingress" && type !== "egress") return undefined;
    return ruleOf(r, RULE_RESOURCE_FIELDS, type, r.address);
  }
  return ruleOf(r, VPC_RULE_FIELDS, r.type === "aws_vpc_security_group_egress_rule" ? "egress" : "ingress", r.address);
}

/**
 * The rule `v` declares. A standalone rule is named by its address; an inline one (`inlinePrefix` given) by its
 * group's address and its content.
 */
function ruleOf(v: View, fields: RuleFields, direction: Direction, origin: string, inlinePrefix?: string): SgRule {
  const v4 = stringsAt(v, fields.v4);
  const v6 = stringsAt(v, fields.v6);
  const protocol = normalizeProtocol(v.known(fields.protocol));
  const fromPort = v.num("from_port");
  const toPort = v.num("to_port");
  let key = origin;
  if (inlinePrefix !== undefined) {
    key = protocol === "all" ? `${inlinePrefix}:all` : `${inlinePrefix}:${protocol ?? "?"}:${fromPort ?? "?"}-${toPort ?? "?"}`;
  }
  const cidrs = v6.values.length === 0 ? v4.values : v4.values.length === 0 ? v6.values : [...v4.values, ...v6.values];
  const unknownCidrs = v6.unknown.length === 0 ? v4.unknown : v4.unknown.length === 0 ? v6.unknown : [...v4.unknown, ...v6.unknown];
  return {
    direction,
    protocol,
    fromPort,
    toPort,
    cidrs,
    unknownCidrs,
    internet: cidrs.some(isInternetCidr) ? cidrs.filter(isInternetCidr) : NO_CIDRS,
    outside: unknownCidrs.length > 0 && unknownCidrs.some(fromOutside),
    peerGroups: stringsAt(v, fields.peers).values,
    self: fields.self !== undefined && v.bool(fields.self) === true,
    prefixLists: stringsAt(v, fields.prefixLists).values,
    origin,
    label: inlinePrefix === undefined ? origin : `${origin} ${key}`,
    key,
  };
}

const NO_CIDRS: readonly string[] = Object.freeze([]);

/** A traffic pattern an exposure check looks for, e.g. TCP port 22. */
export interface Exposure {
  /** Item suffix and message text: `22` / `all`. */
  readonly key: string;
  readonly text: string;
  /** Whether a rule's protocol and ports admit the pattern. */
  test(rule: PortMatch): boolean | "unknown";
}

/** An exposure per TCP port. */
export function tcpPorts(ports: readonly { port: number; service: string }[]): Exposure[] {
  return ports.map((p) => ({ key: String(p.port), text: `port ${p.port} (${p.service})`, test: (r: PortMatch) => coversPort(r, p.port) }));
}

/**
 * Judges a rule set against exposures to the internet in one direction: one fail per (CIDR, pattern) that a rule
 * opens to 0.0.0.0/0 or ::/0 (item `Ingress::0.0.0.0/0:22`), `unknown` when a matching rule's CIDR could be the
 * internet but comes from outside the configuration (a variable) or when protocol/ports are unknown, else pass.
 * An unknown CIDR derived from a resource attribute (a VPC's `cidr_block`) is not the internet.
 */
export function judgeExposure(set: RuleSet, direction: Direction, exposures: readonly Exposure[]): Outcome[] {
  // Only rules of this direction that name the internet or a CIDR from outside the configuration can matter.
  let relevant: SgRule[] | undefined;
  const rules = set.rules;
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i];
    if (rule.direction === direction && (rule.internet.length > 0 || rule.outside)) (relevant ??= []).push(rule);
  }
  if (relevant === undefined) {
    return set.unreadable.length > 0 ? [unknown(`${set.unreadable.join("; ")}; cannot tell which ports they open to which sources`)] : PASS_ONLY;
  }
  const fails = new Map<string, string[]>();
  const unknowns = new Map<string, string[]>();
  const add = (m: Map<string, string[]>, item: string, msg: string) => {
    const list = m.get(item);
    if (list === undefined) m.set(item, [msg]);
    else list.push(msg);
  };
  const dir = direction === "ingress" ? "Ingress" : "Egress";
  const verb = direction === "ingress" ? "admits" : "allows traffic to";
  for (let i = 0; i < exposures.length; i++) {
    const e = exposures[i];
    for (let j = 0; j < relevant.length; j++) {
      const rule = relevant[j];
      const internet = rule.internet;
      const outside = rule.outside;
      const covers = e.test(rule);
      if (covers === false) continue;
      for (let k = 0; k < internet.length; k++) {
        const cidr = internet[k];
        const item = `${dir}::${cidr}:${e.key}`;
        if (covers === true) add(fails, item, `${rule.label} ${verb} ${cidr} on ${e.text}`);
        else add(unknowns, item, `${rule.label} ${verb} ${cidr}; its protocol or ports are unknown until apply`);
      }
      if (outside) {
        const what = covers === true ? `opens ${e.text}` : `may open ${e.text}`;
        add(unknowns, `${dir}::?:${e.key}`, `${rule.label} ${what} to a CIDR set outside the configuration; it may be the internet`);
      }
    }
  }
  const out: Outcome[] = [];
  fails.forEach((msgs, item) => out.push(fail(msgs.join("; "), item)));
  unknowns.forEach((msgs, item) => {
    if (!fails.has(item)) out.push(unknown(msgs.join("; "), item));
  });
  if (out.length === 0 && set.unreadable.length > 0) out.push(unknown(`${set.unreadable.join("; ")}; cannot tell which ports they open to which sources`));
  return out.length > 0 ? out : PASS_ONLY;
}

const PASS_ONLY: Outcome[] = Object.freeze([pass()]) as unknown as Outcome[];
