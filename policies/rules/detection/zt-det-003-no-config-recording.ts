import { defineRule, fail, pass, unknown } from "../../engine/outcome";
import { Model, Resource } from "../../engine/model";
import { ACCOUNT_LEVEL_NOTE, COMPUTE_TYPES, accountRuleSkips, baselineContext, enabledElsewhere } from "./_account";

/** Name AWS Config gives a recorder declared without one. */
const DEFAULT_RECORDER_NAME = "default";

export const ztDet003 = defineRule({
  id: "ZT-DET-003",
  title: "Account with compute has no AWS Config recorder that is recording",
  severity: "medium",
  domain: "detection",
  rationale:
    "AWS Config records every change of every resource: who opened a security group, when a key policy changed, what a " +
    "role looked like before an incident. Responders reconstruct an attack from that history, and Security Hub's " +
    "controls are evaluated from it. A recorder without an enabled aws_config_configuration_recorder_status records " +
    "nothing. " +
    ACCOUNT_LEVEL_NOTE,
  remediation:
    "Add an aws_config_configuration_recorder recording all supported resources, an aws_config_delivery_channel and an " +
    "aws_config_configuration_recorder_status with is_enabled = true naming the recorder (AccountSecurityBaseline and " +
    "ConfigRecorder make all three). " +
    enabledElsewhere("ZT-DET-003"),
  references: {
    nist800207: ["Tenet 5", "Tenet 7"],
    nist80053: ["CM-3", "CM-8", "AU-12"],
    cis: ["3.3"],
    securityHub: ["Config.1"],
  },
  resourceTypes: COMPUTE_TYPES,
  check(r, model) {
    const skip = accountRuleSkips(r, model);
    if (skip) return skip;
    const recorders = model.ofTypeIn("aws_config_configuration_recorder", r);
    if (recorders.length === 0) return fail(`${baselineContext(r, model)} but declares no aws_config_configuration_recorder: no change of any resource is recorded`);
    let undecided: Resource | undefined;
    for (const recorder of recorders) {
      for (const status of statusesOf(recorder, model)) {
        const enabled = status.get("is_enabled");
        if (status.bool("is_enabled") === true) return pass();
        if (enabled.kind === "unknown") undecided = status;
      }
    }
    if (undecided) return unknown(`${undecided.address} has an is_enabled flag unknown until apply`);
    return fail(
      `${baselineContext(r, model)} but no aws_config_configuration_recorder_status with is_enabled = true names its recorder (${recorders.map((x) => x.address).join(", ")}): it records nothing`,
    );
  },
});

/** The recorder statuses that name `recorder`: by a reference to it, or by its literal name. */
function statusesOf(recorder: Resource, model: Model): Resource[] {
  const name = recorder.str("name") ?? (recorder.get("name").kind === "absent" ? DEFAULT_RECORDER_NAME : undefined);
  return model
    .ofTypeIn("aws_config_configuration_recorder_status", recorder)
    .filter((status) => model.referenced(status, "name", ["aws_config_configuration_recorder"]).includes(recorder) || (name !== undefined && status.str("name") === name));
}
