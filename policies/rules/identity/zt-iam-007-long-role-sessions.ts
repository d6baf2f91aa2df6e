import { defineRule, fail, pass, unknown } from "../../engine/outcome";

const ONE_HOUR = 3600;

export const ztIam007 = defineRule({
  id: "ZT-IAM-007",
  title: "Role sessions may last longer than one hour",
  severity: "low",
  domain: "identity",
  rationale:
    "Zero trust grants access per session and re-evaluates it often; role credentials that stay valid for up to 12 hours keep working long after the context that justified them has changed or been compromised.",
  remediation:
    "Leave `max_session_duration` unset (AWS default 3600 s) or set it to 3600 or less; the ZT Blueprint ServiceIdentity construct sets 3600.",
  references: {
    nist800207: ["Tenet 3", "Tenet 4"],
    nist80053: ["AC-12", "IA-11"],
  },
  resourceTypes: ["aws_iam_role"],
  check(resource) {
    const v = resource.get("max_session_duration");
    if (v.kind === "absent") return pass();
    if (v.kind === "unknown") return unknown("max_session_duration is not known until apply");
    const seconds = resource.num("max_session_duration");
    if (seconds === undefined) return unknown(`max_session_duration is not a number: ${JSON.stringify(v.value)}`);
    return seconds > ONE_HOUR ? fail(`max_session_duration is ${seconds} s (more than ${ONE_HOUR} s)`) : pass();
  },
});
