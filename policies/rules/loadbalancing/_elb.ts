import { Resource } from "../../engine/model";
import { View } from "../../engine/view";
import { Outcome, Val } from "../../engine/types";
import { fail, pass, unknown } from "../../engine/outcome";

/** Classic Load Balancers (`aws_elb`). */
export const CLASSIC_TYPES: readonly string[] = ["aws_elb"];

/** One `listener` block of a Classic Load Balancer, with the item that names it (`Listener::443`). */
export interface ClassicListener {
  readonly view: View;
  readonly item: string;
  /** The front-end port as written, or `?` when computed. */
  readonly port: string;
}

/** The listener blocks of a Classic Load Balancer; undefined when they are computed at apply time (a dynamic block). */
export function classicListeners(elb: Resource): ClassicListener[] | undefined {
  if (elb.blocksUnknown("listener")) return undefined;
  return elb.blocks("listener").map((view, i) => {
    const port = view.num("lb_port");
    const label = port === undefined ? `#${i}` : String(port);
    return { view, item: `Listener::${label}`, port: port === undefined ? "?" : String(port) };
  });
}

/** A listener protocol, upper case; undefined when computed at apply time. */
export function protocolOf(listener: View, path: "lb_protocol" | "instance_protocol"): string | undefined {
  const v = listener.get(path);
  return v.kind === "known" ? String(v.value).toUpperCase() : undefined;
}

/** True for the Classic Load Balancer protocols that carry TLS. */
export function isTlsProtocol(protocol: string): boolean {
  return protocol === "HTTPS" || protocol === "SSL";
}

/**
 * Judges a boolean attribute of a Classic Load Balancer that must be `true`, given the provider's default for it.
 * Passes or fails with `evidence` naming the value; unknown when the value is computed at apply time.
 */
export function requireTrue(elb: Resource, path: string, providerDefault: boolean, what: string): Outcome {
  const v: Val = elb.configuredValue(path);
  if (v.kind === "unknown") return unknown(`${path} is computed at apply time`);
  const value = v.kind === "absent" ? providerDefault : elb.bool(path);
  if (value === true) return pass();
  const written = v.kind === "absent" ? `not set (the provider default is ${providerDefault})` : `${String(v.value)}`;
  return fail(`${path} is ${written}: ${what}`);
}
