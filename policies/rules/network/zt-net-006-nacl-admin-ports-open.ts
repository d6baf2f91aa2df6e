import { defineRule, fail, na, pass, unknown } from "../../engine/outcome";
import { Outcome } from "../../engine/types";
import { AclEntry, aclEntries, aclOf, AclEntrySet, ACL_TYPES, ruleEntry } from "./_nacl";
import { ADMIN_PORTS, coversPort, isInternetCidr } from "./_ports";
import { fromOutside } from "./_values";

const FAMILIES = [
  { name: "IPv4", internet: "0.0.0.0/0", v6: false },
  { name: "IPv6", internet: "::/0", v6: true },
] as const;

export const ztNet006 = defineRule({
  id: "ZT-NET-006",
  title: "Network ACL admits the internet to remote administration ports",
  severity: "high",
  domain: "network",
  rationale:
    "A network ACL whose first matching inbound entry allows 0.0.0.0/0 or ::/0 to SSH, RDP, WinRM, Telnet or VNC leaves the subnet boundary open for interactive access from anywhere. Zero trust keeps administration behind an authenticated session broker, with no network path from the internet.",
  remediation:
    "Add a lower-numbered deny entry for the administration ports from 0.0.0.0/0 and ::/0, or narrow the allow entry's CIDR and port range; use SSM Session Manager for host access.",
  references: {
    nist800207: ["Tenet 2", "Tenet 6"],
    nist80053: ["SC-7", "SC-7(5)", "AC-17"],
    cis: ["5.1"],
    checkov: ["CKV_AWS_231", "CKV_AWS_232", "CKV_AWS_352"],
  },
  resourceTypes: [...ACL_TYPES, "aws_network_acl_rule"],
  check(resource, model) {
    // Entries are evaluated in rule-number order, first match wins, as AWS does: a lower-numbered deny from the
    // internet shields a later allow. Entries with narrower CIDRs never decide what the internet at large gets.
    let set: AclEntrySet;
    if (resource.type === "aws_network_acl_rule") {
      if (aclOf(resource, model)) return na("judged on its network ACL");
      set = { entries: [ruleEntry(resource)], unreadable: [] };
    } else {
      set = aclEntries(resource, model);
    }
    const inbound = set.entries.filter((e) => !e.egress);
    const ordered = [...inbound].sort((a, b) => (a.ruleNumber ?? -1) - (b.ruleNumber ?? -1));
    const out: Outcome[] = [];
    for (let i = 0; i < ADMIN_PORTS.length; i++) {
      const { port, service } = ADMIN_PORTS[i];
      for (let j = 0; j < FAMILIES.length; j++) {
        const fam = FAMILIES[j];
        const item = `Ingress::${fam.internet}:${port}`;
        const verdict = firstMatch(ordered, port, fam.v6);
        if (verdict.kind === "allow") {
          const text = `${verdict.entry.label} allows ${fam.internet} to port ${port} (${service})`;
          out.push(verdict.uncertain ? unknown(`${text}, unless an earlier entry unknown until apply denies it`, item) : fail(text, item));
        } else if (verdict.kind === "unknown") {
          out.push(unknown(`${verdict.reason} (${fam.name}, port ${port})`, item));
        }
      }
    }
    if (out.length === 0 && set.unreadable.length > 0) out.push(unknown(set.unreadable.join("; ")));
    return out.length > 0 ? out : pass();
  },
});

type Verdict = { kind: "allow"; entry: AclEntry; uncertain: boolean } | { kind: "deny" } | { kind: "unknown"; reason: string };

function firstMatch(ordered: readonly AclEntry[], port: number, v6: boolean): Verdict {
  let uncertain: string | undefined;
  for (let i = 0; i < ordered.length; i++) {
    const e = ordered[i];
    const covers = coversPort(e, port);
    if (covers === false) continue;
    const whole = e.cidrs.some((c) => isInternetCidr(c) && c.includes(":") === v6);
    const maybe = e.unknownCidrs.some(fromOutside);
    if (!whole) {
      if (maybe) uncertain ??= `${e.label} has a CIDR set outside the configuration`;
      continue;
    }
    if (covers === "unknown" || e.action === undefined || e.ruleNumber === undefined) {
      uncertain ??= `${e.label} matches the internet but its protocol, ports, action or number are unknown until apply`;
      continue;
    }
    if (e.action === "deny") return uncertain ? { kind: "unknown", reason: uncertain } : { kind: "deny" };
    return { kind: "allow", entry: e, uncertain: uncertain !== undefined };
  }
  return uncertain ? { kind: "unknown", reason: uncertain } : { kind: "deny" };
}
