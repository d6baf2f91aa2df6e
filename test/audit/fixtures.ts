import { TerraformStack } from "cdktf";
import { StackEnvironment } from "../../constructs/core";
import { AuditTrail, AuditTrailProps } from "../../constructs/audit/trail";
import { SecurityAlarms, SecurityAlarmsProps } from "../../constructs/audit/alarms";
import { ACCOUNT, REGION, newStack } from "../identity/harness";

/** ARN of the fixture trail "zt-audit". */
export const TRAIL_ARN = `arn:aws:cloudtrail:${REGION}:${ACCOUNT}:trail/zt-audit`;

/** A stack with its environment set. */
export function auditStack(id = "audit"): TerraformStack {
  const stack = newStack(id);
  StackEnvironment.set(stack, { accountId: ACCOUNT, region: REGION });
  return stack;
}

/** A fresh stack holding an AuditTrail "trail" with `props`. */
export function auditTrail(props: AuditTrailProps = {}, id = "audit"): { stack: TerraformStack; trail: AuditTrail } {
  const stack = auditStack(id);
  const trail = new AuditTrail(stack, "trail", props);
  return { stack, trail };
}

/** A fresh stack holding an AuditTrail and SecurityAlarms "alarms" on it with `props`. */
export function securityAlarms(props: Partial<SecurityAlarmsProps> = {}, id = "alarms"): { stack: TerraformStack; trail: AuditTrail; alarms: SecurityAlarms } {
  const { stack, trail } = auditTrail({}, id);
  const alarms = new SecurityAlarms(stack, "alarms", { trail, ...props });
  return { stack, trail, alarms };
}
