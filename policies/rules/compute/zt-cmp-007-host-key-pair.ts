import { defineRule, fail, pass, unknown } from "../../engine/outcome";
import { HOST_TYPES } from "./_host";

export const ztCmp007 = defineRule({
  id: "ZT-CMP-007",
  title: "Host is provisioned with an SSH key pair",
  severity: "medium",
  domain: "compute",
  rationale:
    "A key pair is a long-lived, shared, unaudited credential: whoever holds the private key logs in as the default user on every host launched with it, with no per-session authorization and no record of who did what. Zero trust replaces it with identity-based, logged sessions.",
  remediation:
    "Remove key_name from the aws_instance, aws_launch_template or aws_launch_configuration and connect through SSM Session Manager (or EC2 Instance Connect with IAM-authorized, short-lived keys); the ZT Blueprint HardenedHost sets no key pair.",
  references: {
    nist800207: ["Tenet 3", "Tenet 6"],
    nist80053: ["IA-2", "IA-5", "AC-17", "AC-2"],
  },
  resourceTypes: HOST_TYPES,
  check(resource) {
    // A key name computed from an aws_key_pair is certainly a key; one from a variable might be null.
    const v = resource.getConfigured("key_name");
    if (v.kind === "absent") return pass();
    if (v.kind === "known") return typeof v.value === "string" && v.value.trim() === "" ? pass() : fail(`key_name = "${String(v.value)}"`, "KeyPair");
    const pair = v.refs.find((r) => r.type === "aws_key_pair");
    if (pair) return fail(`key_name comes from ${pair.address}`, "KeyPair");
    return unknown("key_name is unknown until apply", "KeyPair");
  },
});
