import { Model, Resource } from "../../engine/model";
import { fail, pass, unknown } from "../../engine/outcome";
import { Outcome, Ref } from "../../engine/types";
import { View } from "../../engine/view";
import { Family, FAMILIES, familyOf, hasPublicAddresses, isInternetCidr, percentOfInternet, piecesThatReach, publicSpans } from "./_internet";
import { coversPort, invalidPorts, normalizeProtocol, PortMatch } from "./_ports";
import { blocksUnknown, configuredBlocks, fromOutside, stringsAt } from "./_values";

/**
 * Security group rules are spread over three shapes: inline `ingress`/`egress` blocks of `aws_security_group` (and
 * `aws_default_security_group`), standalone `aws_security_group_rule` resources, and the newer
 * `aws_vpc_security_group_ingress_rule` / `aws_vpc_security_group_egress_rule`. This module collects all of them per
 * group, normalized, so each rule is written once.
 *
 * Where findings land: a finding is reported on the resource that declares the rule opening the hole. An inline
 * `ingress`/`egress` block reports on its group; a standalone rule resource reports on its own address, so that
 * suppressions, SARIF locations and reviews point at the line to change. The rules of a group are still judged
 * together (internet reach split over several rules of one group is the internet), once per group.
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
  /** Peer group ids unknown until apply (`${aws_security_group.x.id}`), each with the references it is computed from. */
  readonly unknownPeers: readonly (readonly Ref[])[];
  readonly self: boolean;
  readonly prefixLists: readonly string[];
  /** Prefix list ids unknown until apply (`${aws_vpc_endpoint.s3.prefix_list_id}`), each with its references. */
  readonly unknownPrefixLists: readonly (readonly Ref[])[];
  /** Address of the resource that defines the rule. */
  readonly origin: string;
  /** Human-readable name of the rule: `aws_security_group.web ingress[0]`, `aws_security_group_rule.ssh`. */
  readonly label: string;
  /** Short stable name: `ingress[0]` for an inline block, the address of a standalone rule. */
  readonly key: string;
  /** The CIDRs of `cidrs` that hold internet addresses (see `_internet.ts`). */
  readonly publicCidrs: readonly string[];
  /** True when a CIDR unknown until apply could be set from outside the configuration (see `fromOutside`). */
  readonly outside: boolean;
}

/** A part of a group's rules that cannot be read before apply, and the resource that declares it. */
export interface Unreadable {
  readonly origin: string;
  readonly text: string;
}

/** The rules a check judges on one resource, or why some could not be read. */
export interface RuleSet {
  readonly rules: readonly SgRule[];
  /** Rules whose shape is unknown until apply (dynamic or computed blocks). */
  readonly unreadable: readonly Unreadable[];
}

/** Normalized rules of any supported resource (a group's inline blocks, or one standalone rule). */
export function ownRules(r: Resource): RuleSet {
  if (GROUP_TYPES.includes(r.type)) return inlineRules(r);
  const rule = standaloneRule(r);
  return { rules: rule ? [rule] : [], unreadable: rule ? [] : [directionUnknown(r)] };
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
  const unreadable: Unreadable[] = [...own.unreadable];
  for (let i = 0; i < STANDALONE_TYPES.length; i++) {
    const type = STANDALONE_TYPES[i];
    const referrers = model.referrers(group, type, "security_group_id");
    for (let j = 0; j < referrers.length; j++) {
      const r = referrers[j];
      const rule = standaloneRule(r);
      if (rule) rules.push(rule);
      else unreadable.push(directionUnknown(r));
    }
  }
  return { rules, unreadable };
}

function directionUnknown(r: Resource): Unreadable {
  return { origin: r.address, text: `${r.address} has a direction unknown until apply` };
}

function inlineRules(group: Resource): RuleSet {
  const rules: SgRule[] = [];
  const unreadable: Unreadable[] = [];
  const origin = group.address;
  const dynamic = group.has("dynamic");
  const directions = ["ingress", "egress"] as const;
  for (let k = 0; k < directions.length; k++) {
    const direction = directions[k];
    const blocks = configuredBlocks(group, direction);
    for (let j = 0; j < blocks.length; j++) rules.push(fromInline(blocks[j], direction, group.address, direction));
    if (blocksUnknown(group, direction)) unreadable.push({ origin, text: `${group.address} ${direction} rules are computed by an expression` });
    if (!dynamic) continue;
    group.blocks(`dynamic.${direction}`).forEach((d, i) => {
      const content = d.blocks("content")[0];
      if (content) rules.push(fromInline(content, direction, group.address, `dynamic.${direction}`));
      else unreadable.push({ origin, text: `${group.address} dynamic ${direction}[${i}] has no readable content` });
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
  const peers = stringsAt(v, fields.peers);
  const prefixLists = stringsAt(v, fields.prefixLists);
  return {
    direction,
    protocol,
    fromPort,
    toPort,
    cidrs,
    unknownCidrs,
    publicCidrs: cidrs.some(hasPublicAddresses) ? cidrs.filter(hasPublicAddresses) : NO_CIDRS,
    outside: unknownCidrs.length > 0 && unknownCidrs.some(fromOutside),
    peerGroups: peers.values,
    unknownPeers: peers.unknown,
    self: fields.self !== undefined && v.bool(fields.self) === true,
    prefixLists: prefixLists.values,
    unknownPrefixLists: prefixLists.unknown,
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
  /** What a matching rule opens, for its messages, when it depends on the rule (`TCP 443`); `text` otherwise. */
  describe?(rule: PortMatch): string;
}

/** The message text of what `rule` opens for exposure `e`. */
function textOf(e: Exposure, rule: PortMatch): string {
  return e.describe === undefined ? e.text : e.describe(rule);
}

/** An exposure per TCP port. */
export function tcpPorts(ports: readonly { port: number; service: string }[]): Exposure[] {
  return ports.map((p) => ({ key: String(p.port), text: `port ${p.port} (${p.service})`, test: (r: PortMatch) => coversPort(r, p.port) }));
}


/** Outcomes of one check on a group's rules, by the address of the resource that declares each rule. */
export type Verdicts = ReadonlyMap<string, readonly Outcome[]>;

/**
 * The check of a rule that looks for exposures to the internet in one direction, for every type of
 * `SG_RULE_TARGETS`. A group's rules (inline and standalone) are judged together once, memoized on the group under
 * `memoKey`; each resource then gets the outcomes of the rules it declares, and a pass when it declares none that
 * opens the hole. A standalone rule whose group is not in the configuration is judged by itself.
 */
export function exposureCheck(memoKey: string, direction: Direction, exposures: readonly Exposure[]): (r: Resource, model: Model) => readonly Outcome[] {
  const judgeGroup = (group: Resource, model: Model): Verdicts => judgeExposure(rulesOfGroup(group, model), direction, exposures);
  return (r, model) => {
    if (GROUP_TYPES.includes(r.type)) return verdictOf(model.memoFor(memoKey, r, judgeGroup), r.address);
    const group = groupOf(r, model);
    if (group !== undefined) return verdictOf(model.memoFor(memoKey, group, judgeGroup), r.address);
    return verdictOf(judgeExposure(ownRules(r), direction, exposures), r.address);
  };
}

function verdictOf(verdicts: Verdicts, address: string): readonly Outcome[] {
  return verdicts.get(address) ?? PASS_ONLY;
}

/** Outcomes by resource address and item, with their messages, in the order they are found. */
class Findings {
  readonly fails = new Map<string, Map<string, string[]>>();
  readonly unknowns = new Map<string, Map<string, string[]>>();

  add(kind: "fail" | "unknown", origin: string, item: string, message: string): void {
    const table = kind === "fail" ? this.fails : this.unknowns;
    let byItem = table.get(origin);
    if (byItem === undefined) table.set(origin, (byItem = new Map()));
    const list = byItem.get(item);
    if (list === undefined) byItem.set(item, [message]);
    else if (!list.includes(message)) list.push(message);
  }

  /** Fails, then unknowns of items that do not fail, per origin. */
  outcomes(): Map<string, Outcome[]> {
    const out = new Map<string, Outcome[]>();
    const push = (origin: string, o: Outcome) => {
      const list = out.get(origin);
      if (list === undefined) out.set(origin, [o]);
      else list.push(o);
    };
    this.fails.forEach((byItem, origin) => byItem.forEach((msgs, item) => push(origin, fail(msgs.join("; "), item))));
    this.unknowns.forEach((byItem, origin) =>
      byItem.forEach((msgs, item) => {
        if (!this.fails.get(origin)?.has(item)) push(origin, unknown(msgs.join("; "), item));
      }),
    );
    return out;
  }
}

/** A CIDR of a rule that matches an exposure. */
interface Piece {
  readonly rule: SgRule;
  readonly cidr: string;
}

/**
 * Judges a rule set against exposures to the internet in one direction (see `_internet.ts` for what reaches the
 * internet). Per rule: one fail per (CIDR, pattern) when a CIDR reaches the internet by itself (item
 * `Ingress::0.0.0.0/0:22`), and one per pattern when it takes several CIDRs of the set to reach it (item
 * `Ingress::public-ipv4:22`, on every rule that holds one of those CIDRs). `unknown` when a matching rule's CIDR could
 * be the internet but comes from outside the configuration (a variable), or when protocol/ports are unknown. An
 * unknown CIDR derived from a resource attribute (a VPC's `cidr_block`) is not the internet.
 */
export function judgeExposure(set: RuleSet, direction: Direction, exposures: readonly Exposure[]): Verdicts {
  // Only rules of this direction that name internet addresses or a CIDR from outside the configuration can matter.
  let relevant: SgRule[] | undefined;
  const rules = set.rules;
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i];
    if (rule.direction === direction && (rule.publicCidrs.length > 0 || rule.outside)) (relevant ??= []).push(rule);
  }
  const findings = new Findings();
  const dir = direction === "ingress" ? "Ingress" : "Egress";
  const verb = direction === "ingress" ? "admits" : "allows traffic to";
  for (let i = 0; relevant !== undefined && i < exposures.length; i++) {
    const e = exposures[i];
    const sure: Piece[] = [];
    const unsure: Piece[] = [];
    for (let j = 0; j < relevant.length; j++) {
      const rule = relevant[j];
      const covers = e.test(rule);
      if (covers === false) continue;
      const cidrs = rule.publicCidrs;
      for (let k = 0; k < cidrs.length; k++) {
        const cidr = cidrs[k];
        const item = `${dir}::${cidr}:${e.key}`;
        if (!isInternetCidr(cidr)) (covers === true ? sure : unsure).push({ rule, cidr });
        else if (covers === true) findings.add("fail", rule.origin, item, `${rule.label} ${verb} ${cidr} on ${textOf(e, rule)}`);
        else findings.add("unknown", rule.origin, item, `${rule.label} ${verb} ${cidr}; ${invalidPorts(rule) ?? "its protocol or ports are unknown until apply"}`);
      }
      if (rule.outside) {
        const what = covers === true ? `opens ${textOf(e, rule)}` : `may open ${e.text}`;
        findings.add("unknown", rule.origin, `${dir}::?:${e.key}`, `${rule.label} ${what} to a CIDR set outside the configuration; it may be the internet`);
      }
    }
    if (sure.length + unsure.length > 1) judgePieces(findings, sure, unsure, `${dir}::`, e, verb);
  }
  const out = findings.outcomes();
  for (let i = 0; i < set.unreadable.length; i++) {
    const u = set.unreadable[i];
    if (!out.has(u.origin)) out.set(u.origin, [unknown(`${u.text}; cannot tell which ports it opens to which sources`)]);
  }
  return out;
}

/**
 * Internet reach made of several CIDRs, none of which reaches it alone: a rule whose own CIDRs reach it fails; the
 * rules that reach it only together fail too (the fewest CIDRs, largest first, that do). It is unknown instead when
 * it takes a rule whose protocol or ports are unknown until apply.
 */
function judgePieces(findings: Findings, sure: readonly Piece[], unsure: readonly Piece[], prefix: string, e: Exposure, verb: string): void {
  for (let f = 0; f < FAMILIES.length; f++) {
    const family = FAMILIES[f];
    const mine = (p: Piece) => familyOf(p.cidr) === family;
    const certain = sure.filter(mine);
    const maybe = unsure.filter(mine);
    const item = `${prefix}${family.pieces}:${e.key}`;
    const rest = reportRulesThatReach(findings, certain, "fail", family, item, e, verb);
    const together = piecesThatReach(rest, family);
    if (together !== undefined) {
      report(findings, together, "fail", family, item, e, verb);
      continue;
    }
    if (maybe.length === 0) continue;
    const others = reportRulesThatReach(findings, maybe, "unknown", family, item, e, verb);
    const withUnsure = piecesThatReach([...rest, ...others], family);
    if (withUnsure !== undefined) report(findings, withUnsure, "unknown", family, item, e, verb);
  }
}

/** Reports each rule whose own pieces reach the internet; returns the pieces of the other rules. */
function reportRulesThatReach(findings: Findings, pieces: readonly Piece[], kind: "fail" | "unknown", family: Family, item: string, e: Exposure, verb: string): Piece[] {
  const byRule = new Map<SgRule, Piece[]>();
  for (let i = 0; i < pieces.length; i++) {
    const list = byRule.get(pieces[i].rule);
    if (list === undefined) byRule.set(pieces[i].rule, [pieces[i]]);
    else list.push(pieces[i]);
  }
  const rest: Piece[] = [];
  byRule.forEach((list) => {
    const reach = list.length > 1 ? piecesThatReach(list, family) : undefined;
    if (reach !== undefined) report(findings, reach, kind, family, item, e, verb);
    else rest.push(...list);
  });
  return rest;
}

function report(findings: Findings, pieces: readonly Piece[], kind: "fail" | "unknown", family: Family, item: string, e: Exposure, verb: string): void {
  const cidrs = pieces.map((p) => p.cidr);
  const share = percentOfInternet(publicSpans(cidrs, family), family);
  const together = `${listed(cidrs)} together cover ${share}% of the public ${family.name} space`;
  const byRule = new Map<SgRule, string[]>();
  for (let i = 0; i < pieces.length; i++) {
    const list = byRule.get(pieces[i].rule);
    if (list === undefined) byRule.set(pieces[i].rule, [pieces[i].cidr]);
    else list.push(pieces[i].cidr);
  }
  byRule.forEach((mine, rule) => {
    const text = `${rule.label} ${verb} ${listed(mine)} on ${textOf(e, rule)}: ${together}`;
    findings.add(kind, rule.origin, item, kind === "fail" ? text : `${text}, if the rules whose protocol or ports are unknown until apply match`);
  });
}

/** A list of CIDRs for a message: at most four, then how many more. */
function listed(cidrs: readonly string[]): string {
  const shown = [...new Set(cidrs)];
  return shown.length <= 4 ? shown.join(", ") : `${shown.slice(0, 4).join(", ")} and ${shown.length - 4} more`;
}

const PASS_ONLY: readonly Outcome[] = Object.freeze([pass()]);
