import { Resource } from "../../engine/model";
import { Val } from "../../engine/types";

/** What an aws_ssm_service_setting is, as far as a rule about one setting is concerned. */
export type SettingMatch =
  /** Another setting: not the rule's concern. */
  | { readonly kind: "other" }
  /** The setting id is computed at apply: it may be the setting. */
  | { readonly kind: "unknown-id" }
  /** The setting: its `setting_value`. */
  | { readonly kind: "setting"; readonly value: Val };

/**
 * Matches an aws_ssm_service_setting against one SSM service setting, named by its path
 * (`/ssm/documents/console/public-sharing-permission`); `setting_id` may be the path or the setting's ARN
 * (`arn:aws:ssm:<region>:<account>:servicesetting/ssm/...`).
 */
export function ssmServiceSetting(r: Resource, path: string): SettingMatch {
  const id = r.get("setting_id");
  if (id.kind === "unknown") return { kind: "unknown-id" };
  if (id.kind !== "known" || typeof id.value !== "string" || !id.value.endsWith(path)) return { kind: "other" };
  return { kind: "setting", value: r.get("setting_value") };
}
