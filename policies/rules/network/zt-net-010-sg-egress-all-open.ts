import { defineRule } from "../../engine/outcome";
import { FINDING_PLACE_TEXT, INTERNET_TEXT } from "./_internet";
import { coversAllPorts } from "./_ports";
import { exposureCheck, SG_RULE_TARGETS } from "./_security-group-rules";

const CHECK = exposureCheck("net:exposure:all-out", "egress", [{ key: "all", text: "all ports", test: coversAllPorts }]);

export const ztNet010 = defineRule({
  id: "ZT-NET-010",
  title: "Security group allows all egress to the internet",
  severity: "low",
  domain: "network",
  rationale:
    `An egress rule for all protocols and ports to ${INTERNET_TEXT} lets a compromised workload reach any command-and-control host and exfiltrate data on any port. Zero trust limits outbound flows to the services a workload is known to call. Stricter than CKV_AWS_382 (protocol -1 to 0.0.0.0/0): a TCP or UDP 0–65535 range and internet reach split into pieces count too.`,
  remediation:
    `Replace the allow-all egress rule with rules for the required ports and destinations (e.g. 443 to VPC endpoint security groups or prefix lists); the ZT Blueprint HardenedHost declares no egress to the internet by default. ${FINDING_PLACE_TEXT}`,
  references: {
    nist800207: ["Tenet 2", "Tenet 5"],
    nist80053: ["SC-7", "SC-7(5)", "AC-4"],
    checkov: ["CKV_AWS_382"],
  },
  resourceTypes: SG_RULE_TARGETS,
  check: CHECK,
});
