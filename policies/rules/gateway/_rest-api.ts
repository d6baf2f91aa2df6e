import { Model, Resource } from "../../engine/model";
import { sameTarget } from "./_values";

/** The aws_api_gateway_rest_api a resource's `rest_api_id` refers to, when it is in the configuration. */
export function restApiOf(r: Resource, model: Model): Resource | undefined {
  return model.referenced(r, "rest_api_id", ["aws_api_gateway_rest_api"])[0];
}

/**
 * Endpoint types of a REST API: `["EDGE"]` when endpoint_configuration is absent (the AWS default),
 * undefined when they cannot be read before apply.
 */
export function endpointTypes(api: Resource): string[] | undefined {
  if (api.blocks("endpoint_configuration").length === 0) {
    // In a plan the omitted block is computed (unknown, with no configuration expression): AWS creates an EDGE API.
    if (!api.blocksUnknown("endpoint_configuration") || !api.configured("endpoint_configuration")) return ["EDGE"];
    return undefined;
  }
  const types = api.list("endpoint_configuration.types");
  if (!types || types.some((t) => typeof t !== "string" || t.includes("${"))) return undefined;
  return types.map((t) => String(t).toUpperCase());
}

/** WAF web ACL associations (v2 and regional classic) whose resource_arn refers to `target`. */
export function wafAssociations(target: Resource, model: Model): Resource[] {
  return [
    ...model.referrers(target, "aws_wafv2_web_acl_association", "resource_arn"),
    ...model.referrers(target, "aws_wafregional_web_acl_association", "resource_arn"),
  ];
}

/**
 * The aws_api_gateway_method_settings of a stage: those whose stage_name references it, or names it literally on the
 * same REST API.
 */
export function methodSettingsFor(stage: Resource, model: Model): Resource[] {
  return model.ofTypeIn("aws_api_gateway_method_settings", stage).filter((m) => {
    const byRef = model.referenced(m, "stage_name", ["aws_api_gateway_stage"]).includes(stage);
    if (byRef) return true;
    return sameTarget(model, m, "stage_name", stage, "stage_name") && sameTarget(model, m, "rest_api_id", stage, "rest_api_id");
  });
}

/** The name a finding on a REST API stage uses: `stage "prod"`. */
export function stageLabel(stage: Resource): string {
  return `stage "${stage.str("stage_name") ?? stage.name}"`;
}
