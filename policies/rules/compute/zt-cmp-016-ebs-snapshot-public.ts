import { Model, Resource } from "../../engine/model";
import { defineRule, fail, pass, unknown } from "../../engine/outcome";
import { Outcome } from "../../engine/types";
import { fromOutside } from "../network/_values";

/** The state of EBS snapshot Block Public Access that blocks every public sharing, existing and new. */
const BLOCK_ALL = "block-all-sharing";

/** True when the stack's EBS snapshot Block Public Access blocks all public sharing. */
function publicSharingBlocked(r: Resource, model: Model): boolean {
  return model.ofTypeIn("aws_ebs_snapshot_block_public_access", r).some((b) => b.str("state") === BLOCK_ALL);
}

function judgeBlock(block: Resource): Outcome {
  const state = block.getConfigured("state");
  if (state.kind === "unknown") return unknown("state is unknown until apply", "State");
  const value = state.kind === "known" ? String(state.value) : "";
  if (value === BLOCK_ALL) return pass("State");
  if (value === "block-new-sharing") {
    return fail("state = \"block-new-sharing\" keeps snapshots that are already public restorable by anyone; only \"block-all-sharing\" blocks them too", "State");
  }
  return fail(`state = "${value}" lets snapshots of this region be shared with everyone`, "State");
}

function judgePermission(permission: Resource, model: Model): Outcome {
  const account = permission.getConfigured("account_id");
  if (account.kind === "known" && String(account.value).toLowerCase() === "all") {
    if (publicSharingBlocked(permission, model)) return pass("Account::all");
    return fail("account_id = \"all\" asks to make the snapshot restorable by every AWS account", "Account::all");
  }
  if (account.kind === "unknown" && fromOutside(account.refs) && !publicSharingBlocked(permission, model)) {
    return unknown("account_id comes from outside the configuration; it may be \"all\"", "Account::?");
  }
  return pass();
}

export const ztCmp016 = defineRule({
  id: "ZT-CMP-016",
  title: "EBS snapshots can be shared with everyone",
  severity: "high",
  domain: "compute",
  rationale:
    "A public EBS snapshot can be copied by any AWS account and turned into a volume: the disk of a host, with its configuration, keys, tokens and data, read at leisure outside the organization. Public snapshots are a recurring source of leaks and are almost always a mistake. Zero trust shares data only with named principals and keeps a regional guard that refuses public sharing outright. The rule fails an aws_ebs_snapshot_block_public_access whose state is not \"block-all-sharing\" (AWS Security Hub control EC2.182; \"block-new-sharing\" leaves snapshots that are already public as they are) and an aws_snapshot_create_volume_permission for account \"all\" unless that block is in place. Narrower than EC2.1, which inspects every snapshot of the account: snapshots shared outside the configuration are seen only at runtime.",
  remediation:
    "Declare aws_ebs_snapshot_block_public_access with state = \"block-all-sharing\" in every region, and share snapshots with aws_snapshot_create_volume_permission naming each trusted 12-digit account id.",
  references: {
    nist800207: ["Tenet 1", "Tenet 6"],
    nist80053: ["AC-3", "AC-21", "SC-28"],
    securityHub: ["EC2.1", "EC2.182"],
  },
  resourceTypes: ["aws_ebs_snapshot_block_public_access", "aws_snapshot_create_volume_permission"],
  check(resource, model) {
    return resource.type === "aws_ebs_snapshot_block_public_access" ? judgeBlock(resource) : judgePermission(resource, model);
  },
});
