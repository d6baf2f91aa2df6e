import { Model, Resource } from "../../engine/model";
import { defineRule, fail, pass, unknown } from "../../engine/outcome";
import { Outcome } from "../../engine/types";
import { Family, FAMILIES, FINDING_PLACE_TEXT, INTERNET_TEXT, intersect, merge, publicSpace, publicSpans, sizeOf, Span, spansReach, subtract } from "./_internet";
import { AclEntry, aclEntries, aclOf, AclEntrySet, ACL_TYPES, ruleEntry } from "./_nacl";
import { ADMIN_PORTS } from "../../shared/ports";
import { coversPort } from "./_ports";
import { fromOutside } from "./_values";

export const ztNet006 = defineRule({
  id: "ZT-NET-006",
  title: "Network ACL admits the internet to remote administration ports",
  severity: "high",
  domain: "network",
  rationale:
    `A network ACL whose first matching inbound entries allow ${INTERNET_TEXT} to SSH, RDP, WinRM, Telnet or VNC leaves the subnet boundary open for interactive access from anywhere. Zero trust keeps administration behind an authenticated session broker, with no network path from the internet. Narrower than CKV_AWS_231, CKV_AWS_232 and CKV_AWS_352 where a lower-numbered deny entry shields the allow (entries are evaluated in order, as AWS does); broader in that internet reach split into pieces counts.`,
  remediation:
    `Add a lower-numbered deny entry for the administration ports from 0.0.0.0/0 and ::/0, or narrow the allow entry's CIDR and port range; use SSM Session Manager for host access. ${FINDING_PLACE_TEXT}`,
  references: {
    nist800207: ["Tenet 2", "Tenet 6"],
    nist80053: ["SC-7", "SC-7(5)", "AC-17"],
    cis: ["5.1"],
    checkov: ["CKV_AWS_231", "CKV_AWS_232", "CKV_AWS_352"],
    securityHub: ["EC2.21"],
  },
  resourceTypes: [...ACL_TYPES, "aws_network_acl_rule"],
  check(resource, model) {
    // Entries are evaluated in rule-number order, first match wins, as AWS does: a lower-numbered deny from the
    // internet shields a later allow, address by address.
    if (resource.type !== "aws_network_acl_rule") return verdictOf(model.memoFor(MEMO_KEY, resource, judgeAcl), resource.address);
    const acl = aclOf(resource, model);
    if (acl !== undefined) return verdictOf(model.memoFor(MEMO_KEY, acl, judgeAcl), resource.address);
    return verdictOf(judgeEntries({ entries: [ruleEntry(resource)], unreadable: [] }, resource.address), resource.address);
  },
});

const MEMO_KEY = "ZT-NET-006:verdicts";

type Verdicts = ReadonlyMap<string, readonly Outcome[]>;

const PASS_ONLY: readonly Outcome[] = Object.freeze([pass()]);

function verdictOf(verdicts: Verdicts, address: string): readonly Outcome[] {
  return verdicts.get(address) ?? PASS_ONLY;
}

function judgeAcl(acl: Resource, model: Model): Verdicts {
  return judgeEntries(aclEntries(acl, model), acl.address);
}

/** What the internet gets from an ordered entry list, for one port and family: the entries that allow it, and what. */
interface Allowed {
  readonly entry: AclEntry;
  readonly spans: readonly Span[];
}

/** Outcomes per origin of the inbound entries; `unreadable` parts belong to `owner` (the ACL). */
function judgeEntries(set: AclEntrySet, owner: string): Verdicts {
  const inbound = set.entries.filter((e) => !e.egress);
  const ordered = [...inbound].sort((a, b) => (a.ruleNumber ?? -1) - (b.ruleNumber ?? -1));
  const out = new Map<string, Outcome[]>();
  const add = (origin: string, o: Outcome) => {
    const list = out.get(origin);
    if (list === undefined) out.set(origin, [o]);
    else list.push(o);
  };
  for (let i = 0; i < ADMIN_PORTS.length; i++) {
    const { port, service } = ADMIN_PORTS[i];
    for (let j = 0; j < FAMILIES.length; j++) {
      const family = FAMILIES[j];
      const least = responsible(firstMatches(ordered, port, family, "least"), family);
      const most = least === undefined ? responsible(firstMatches(ordered, port, family, "most"), family) : undefined;
      const found = least ?? most;
      if (found === undefined) continue;
      const item = `Ingress::${found.length === 1 ? family.world : family.pieces}:${port}`;
      const byOrigin = new Map<string, string[]>();
      for (let k = 0; k < found.length; k++) {
        const { entry } = found[k];
        const text = least !== undefined ? allowText(entry, family, port, service, found) : unsureText(entry, family, port);
        const list = byOrigin.get(entry.origin);
        if (list === undefined) byOrigin.set(entry.origin, [text]);
        else list.push(text);
      }
      byOrigin.forEach((texts, origin) => add(origin, least !== undefined ? fail(texts.join("; "), item) : unknown(texts.join("; "), item)));
    }
  }
  if (set.unreadable.length > 0 && !out.has(owner)) add(owner, unknown(set.unreadable.join("; ")));
  return out;
}

/**
 * The first-match walk over the entries for one port and family. `least` is the smallest set of internet addresses
 * the entries can allow (an entry whose ports, action, number or CIDR is unknown until apply denies all it may match,
 * or matches nothing when it can only allow), `most` the largest (it allows all it may match, or matches nothing when
 * it can only deny). An entry whose number is unknown is walked first, as if it came before every other.
 */
function firstMatches(ordered: readonly AclEntry[], port: number, family: Family, bound: "least" | "most"): Allowed[] {
  let remaining: Span[] = [...publicSpace(family)];
  const allowed: Allowed[] = [];
  for (let i = 0; i < ordered.length && remaining.length > 0; i++) {
    const e = ordered[i];
    const covers = coversPort(e, port);
    if (covers === false) continue;
    const known = publicSpans(e.cidrs, family);
    const outside = e.unknownCidrs.some(fromOutside);
    const sure = covers === true && e.action !== undefined && e.ruleNumber !== undefined;
    const widest = outside ? publicSpace(family) : known;
    let action: "allow" | "deny" | undefined;
    let spans: readonly Span[] = known;
    if (sure && !outside) action = e.action;
    else if (bound === "least") {
      if (e.action !== "allow") [action, spans] = ["deny", widest];
      else if (sure) action = "allow";
    } else if (e.action !== "deny") [action, spans] = ["allow", widest];
    else if (sure) action = "deny";
    if (action === undefined || spans.length === 0) continue;
    const matched = intersect(remaining, spans);
    if (matched.length === 0) continue;
    if (action === "allow") allowed.push({ entry: e, spans: matched });
    remaining = subtract(remaining, matched);
  }
  return allowed;
}

/** The entries, largest share first, whose allowed addresses reach the internet; undefined when they do not. */
function responsible(allowed: readonly Allowed[], family: Family): Allowed[] | undefined {
  if (allowed.length === 0 || !spansReach(merge(allowed.flatMap((a) => a.spans)), family)) return undefined;
  const sorted = [...allowed].sort((a, b) => {
    const d = sizeOf(b.spans) - sizeOf(a.spans);
    return d > 0n ? 1 : d < 0n ? -1 : 0;
  });
  let covered: Span[] = [];
  for (let i = 0; i < sorted.length; i++) {
    covered = merge([...covered, ...sorted[i].spans]);
    if (spansReach(covered, family)) return sorted.slice(0, i + 1);
  }
  return sorted;
}

function allowText(entry: AclEntry, family: Family, port: number, service: string, all: readonly Allowed[]): string {
  const cidrs = entry.cidrs.filter((c) => publicSpans([c], family).length > 0);
  const what = cidrs.length === 1 && (cidrs[0] === family.world || all.length === 1) ? cidrs[0] : cidrs.join(", ");
  const text = `${entry.label} allows ${what} to port ${port} (${service})`;
  return all.length === 1 ? text : `${text}: with ${all.length - 1} other entr${all.length === 2 ? "y" : "ies"} it admits the public ${family.name} space`;
}

function unsureText(entry: AclEntry, family: Family, port: number): string {
  return `${entry.label} may allow the internet to port ${port} (${family.name}): it or an earlier entry has a protocol, ports, action, number or CIDR unknown until apply`;
}
