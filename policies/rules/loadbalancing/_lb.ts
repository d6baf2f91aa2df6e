import { Model, Resource } from "../../engine/model";

export const LB_TYPES = ["aws_lb", "aws_alb"];
export const LISTENER_TYPES = ["aws_lb_listener", "aws_alb_listener"];

/** Load balancer type: `application` when not set (the provider default), undefined when unknown until apply. */
export function lbType(lb: Resource): string | undefined {
  const v = lb.get("load_balancer_type");
  if (v.kind === "absent") return "application";
  if (v.kind === "known") return String(v.value).toLowerCase();
  return lb.configured("load_balancer_type") ? undefined : "application";
}

/** True when the load balancer is internet-facing (internal left out means internet-facing); undefined when unknown. */
export function internetFacing(lb: Resource): boolean | undefined {
  const v = lb.get("internal");
  if (v.kind === "known") return lb.bool("internal") !== true;
  if (v.kind === "absent" || !lb.configured("internal")) return true;
  return undefined;
}

/** The load balancer a listener belongs to, when it is in the configuration. */
export function lbOf(listener: Resource, model: Model): Resource | undefined {
  return model.referenced(listener, "load_balancer_arn", LB_TYPES)[0];
}

/**
 * A listener's protocol, upper case. When left out it is HTTP on an application load balancer (the provider
 * default); `undefined` means it cannot be told before apply.
 */
export function listenerProtocol(listener: Resource, model: Model): string | undefined {
  const v = listener.get("protocol");
  if (v.kind === "known") return String(v.value).toUpperCase();
  if (v.kind === "unknown" && listener.configured("protocol")) return undefined;
  const lb = lbOf(listener, model);
  const type = lb ? lbType(lb) : undefined;
  if (type === "application") return "HTTP";
  if (type === "gateway") return "GENEVE";
  return undefined;
}
