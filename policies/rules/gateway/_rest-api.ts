import { Model, Resource } from "../../engine/model";

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
