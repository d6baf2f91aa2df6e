import { defineRule, fail, pass, unknown } from "../../engine/outcome";

export const ztIam024 = defineRule({
  id: "ZT-IAM-024",
  title: "SSM document is shared with every AWS account",
  severity: "critical",
  domain: "identity",
  rationale:
    "An aws_ssm_document whose `permissions` share it (`type = \"Share\"`) with `account_ids = \"All\"` is public: any AWS account can read its content and run it against its own instances. Documents hold the commands, scripts, bucket names, parameter paths and sometimes credentials of the operations that run on the hosts, a map of the environment for an attacker. Zero trust shares a document only with the accounts that run it.",
  remediation: "List the account ids that need the document in `permissions.account_ids` (comma-separated), or remove `permissions`; block public sharing for the account and region with an aws_ssm_service_setting (see ZT-IAM-025).",
  references: {
    nist800207: ["Tenet 6", "Tenet 3"],
    nist80053: ["AC-3", "AC-6", "AC-21"],
    securityHub: ["SSM.4"],
  },
  resourceTypes: ["aws_ssm_document"],
  check(r) {
    const accounts = r.get("permissions.account_ids");
    if (accounts.kind === "absent") return pass();
    if (accounts.kind === "unknown") return unknown("permissions.account_ids is not known until apply", "Share::All");
    const ids = String(accounts.value)
      .split(",")
      .map((id) => id.trim().toLowerCase());
    return ids.includes("all") ? fail('permissions shares the document with "All": every AWS account can read and run it', "Share::All") : pass();
  },
});
