import { Model, Resource } from "../../engine/model";
import { Ref } from "../../engine/types";
import { View } from "../../engine/view";
import { normalizeProtocol, PortMatch } from "./_ports";
import { blocksUnknown, configuredBlocks, stringsAt } from "./_values";

/**
 * Network ACL entries come inline (`ingress` / `egress` blocks of aws_network_acl and aws_default_network_acl) or as
 * aws_network_acl_rule resources whose `network_acl_id` references the ACL. As with security groups, an ACL in the
 * configuration carries the findings of all its entries; an aws_network_acl_rule whose ACL is not in the configuration
 * is judged by itself.
 */

export const ACL_TYPES: readonly string[] = ["aws_network_acl", "aws_default_network_acl"];

/** One ACL entry, normalized. */
export interface AclEntry extends PortMatch {
  readonly egress: boolean;
  /** Evaluation order; undefined when unknown until apply. */
  readonly ruleNumber: number | undefined;
  /** undefined when unknown until apply. */
  readonly action: "allow" | "deny" | undefined;
  readonly cidrs: readonly string[];
  readonly unknownCidrs: readonly (readonly Ref[])[];
  readonly origin: string;
  readonly label: string;
}

export interface AclEntrySet {
  readonly entries: readonly AclEntry[];
  readonly unreadable: readonly string[];
}

/** Every entry of an ACL: inline blocks plus aws_network_acl_rule resources that reference it. */
export function aclEntries(acl: Resource, model: Model): AclEntrySet {
  const entries: AclEntry[] = [];
  const unreadable: string[] = [];
  const directions = ["ingress", "egress"] as const;
  for (let d = 0; d < directions.length; d++) {
    const direction = directions[d];
    configuredBlocks(acl, direction).forEach((b, i) => entries.push(inlineEntry(b, direction === "egress", acl.address, `${acl.address} ${direction}[${i}]`)));
    if (blocksUnknown(acl, direction) || acl.has(`dynamic.${direction}`)) unreadable.push(`${acl.address} ${direction} entries are computed by an expression`);
  }
  const rules = model.referrers(acl, "aws_network_acl_rule", "network_acl_id");
  for (let i = 0; i < rules.length; i++) entries.push(ruleEntry(rules[i]));
  return { entries, unreadable };
}

/** The ACL (in this configuration) an aws_network_acl_rule belongs to. */
export function aclOf(rule: Resource, model: Model): Resource | undefined {
  return model.referenced(rule, "network_acl_id", ACL_TYPES)[0];
}

/** The entry an aws_network_acl_rule resource defines. */
export function ruleEntry(r: Resource): AclEntry {
  const egress = r.getConfigured("egress").kind === "known" ? r.bool("egress") === true : false;
  return entryOf(r, RULE_RESOURCE_NAMES, egress, r.address, r.address);
}

function inlineEntry(b: View, egress: boolean, origin: string, label: string): AclEntry {
  return entryOf(b, INLINE_BLOCK_NAMES, egress, origin, label);
}

/** Where an inline `ingress`/`egress` block and an aws_network_acl_rule keep the rule number and the action. */
const INLINE_BLOCK_NAMES = { ruleNumber: "rule_no", action: "action" };
const RULE_RESOURCE_NAMES = { ruleNumber: "rule_number", action: "rule_action" };

function entryOf(v: View, names: { ruleNumber: string; action: string }, egress: boolean, origin: string, label: string): AclEntry {
  const v4 = stringsAt(v, "cidr_block");
  const v6 = stringsAt(v, "ipv6_cidr_block");
  return {
    egress,
    ruleNumber: v.num(names.ruleNumber),
    action: action(v.str(names.action)),
    protocol: normalizeProtocol(v.known("protocol")),
    fromPort: v.num("from_port"),
    toPort: v.num("to_port"),
    cidrs: [...v4.values, ...v6.values].filter((c) => c !== ""),
    unknownCidrs: [...v4.unknown, ...v6.unknown],
    origin,
    label,
  };
}

function action(a: string | undefined): "allow" | "deny" | undefined {
  const s = a?.toLowerCase();
  return s === "allow" || s === "deny" ? s : undefined;
}
