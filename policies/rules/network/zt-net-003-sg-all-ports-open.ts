import { defineRule } from "../../engine/outcome";
import { FINDING_PLACE_TEXT, INTERNET_TEXT } from "./_internet";
import { coversAllPorts } from "./_ports";
import { exposureCheck, SG_RULE_TARGETS } from "./_security-group-rules";

const CHECK = exposureCheck("net:exposure:all-in", "ingress", [{ key: "all", text: "all ports", test: coversAllPorts }]);

export const ztNet003 = defineRule({
  id: "ZT-NET-003",
  title: "Security group opens all ports to the internet",
  severity: "critical",
  domain: "network",
  rationale:
    `An ingress rule with protocol -1 (all traffic) or a 0–65535 port range from ${INTERNET_TEXT} removes the network boundary of everything in the group. Zero trust requires every flow to be explicitly allowed for a named service, never a blanket allow from anywhere. Stricter than CKV_AWS_277 (protocol -1 from 0.0.0.0/0): a TCP or UDP 0–65535 range and internet reach split into pieces count too.`,
  remediation:
    `Replace the rule with one rule per required service port and restrict its source to the callers that need it (a security group or a private CIDR); put public services behind a load balancer that alone accepts internet traffic. ${FINDING_PLACE_TEXT}`,
  references: {
    nist800207: ["Tenet 2", "Tenet 3"],
    nist80053: ["SC-7", "SC-7(5)", "AC-4"],
    cis: ["5.2", "5.3"],
    checkov: ["CKV_AWS_277"],
    cdkNag: ["AwsSolutions-EC23"],
  },
  resourceTypes: SG_RULE_TARGETS,
  check: CHECK,
});
