import { Model, Resource } from "../../engine/model";
import { defineRule, fail, na, pass, unknown } from "../../engine/outcome";
import { Outcome, Val } from "../../engine/types";
import { ABSENT, View } from "../../engine/view";
import { merge, parseCidr, Span, subtract } from "./_internet";

/** The CIDR blocks of one IP family of a VPC: those the configuration states, and whether some are unknown. */
interface Blocks {
  readonly spans: readonly Span[];
  readonly incomplete: boolean;
}

/** The CIDR blocks of a VPC of the configuration, per family (its own and those of its CIDR block associations). */
interface VpcBlocks {
  readonly v4: Blocks;
  readonly v6: Blocks;
}

/** Where the destination of each shape of route is written. */
const ROUTE_RESOURCE_FIELDS = { v4: "destination_cidr_block", v6: "destination_ipv6_cidr_block", prefixList: "destination_prefix_list_id" };
const INLINE_ROUTE_FIELDS = { v4: "cidr_block", v6: "ipv6_cidr_block", prefixList: "destination_prefix_list_id" };
type RouteFields = typeof ROUTE_RESOURCE_FIELDS;

const ROUTE_TABLE_TYPES: readonly string[] = ["aws_route_table", "aws_default_route_table"];

/** The value at `path` as the configuration sets it; an empty string (how a plan writes an unset field of an inline route) is absent. */
function setting(v: View, path: string): Val {
  const val = v.getConfigured(path);
  return val.kind === "known" && (val.value === "" || val.value === null) ? ABSENT : val;
}

function blocksOf(vpc: Resource, model: Model): VpcBlocks {
  return model.memoFor("net:vpc-blocks", vpc, readBlocks);
}

function readBlocks(vpc: Resource, model: Model): VpcBlocks {
  const v4: Span[] = [];
  const v6: Span[] = [];
  let v4Incomplete = false;
  let v6Incomplete = false;
  const add = (v: View, path: string, v6Path: boolean) => {
    const val = setting(v, path);
    if (val.kind === "absent") return;
    const parsed = val.kind === "known" && typeof val.value === "string" ? parseCidr(val.value) : undefined;
    if (parsed === undefined) {
      if (v6Path) v6Incomplete = true;
      else v4Incomplete = true;
    } else (parsed.v6 ? v6 : v4).push(parsed.span);
  };
  // A VPC without a cidr_block takes one from an IPAM pool at apply time.
  if (setting(vpc, "cidr_block").kind === "absent") v4Incomplete = true;
  add(vpc, "cidr_block", false);
  add(vpc, "ipv6_cidr_block", true);
  if (vpc.bool("assign_generated_ipv6_cidr_block") === true && setting(vpc, "ipv6_cidr_block").kind !== "known") v6Incomplete = true;
  model.referrers(vpc, "aws_vpc_ipv4_cidr_block_association", "vpc_id").forEach((a) => add(a, "cidr_block", false));
  model.referrers(vpc, "aws_vpc_ipv6_cidr_block_association", "vpc_id").forEach((a) => {
    if (setting(a, "ipv6_cidr_block").kind === "absent") v6Incomplete = true;
    else add(a, "ipv6_cidr_block", true);
  });
  return { v4: { spans: merge(v4), incomplete: v4Incomplete }, v6: { spans: merge(v6), incomplete: v6Incomplete } };
}

/** The VPC whose route table holds the route (`table` is the route's own table for inline routes). */
function ownVpc(table: Resource | undefined, model: Model): Resource | undefined {
  if (table === undefined) return undefined;
  if (table.type === "aws_default_route_table") return model.referenced(table, "default_route_table_id", ["aws_vpc"])[0];
  return model.referenced(table, "vpc_id", ["aws_vpc"])[0];
}

/** The VPC on the other side of a peering connection, seen from `own` (the requester's peer unless `own` is it). */
function peerVpc(pcx: Resource, own: Resource | undefined, model: Model): Resource | undefined {
  const requester = model.referenced(pcx, "vpc_id", ["aws_vpc"])[0];
  const accepter = model.referenced(pcx, "peer_vpc_id", ["aws_vpc"])[0];
  return own !== undefined && own === accepter ? requester : accepter;
}

/**
 * The peering connection of the configuration a route targets. A plan records the references of a route table's inline
 * routes for the whole `route` attribute only: a route whose target is unknown until apply then takes the one peering
 * connection that attribute references, if there is exactly one.
 */
function peeringOf(route: View, owner: Resource, model: Model): Resource | undefined {
  const own = model.referenced(route, "vpc_peering_connection_id", PEERING_TYPES, owner)[0];
  if (own !== undefined || route === owner || route.get("vpc_peering_connection_id").kind !== "unknown") return own;
  const all = model.referenced(owner, "route", PEERING_TYPES);
  return all.length === 1 ? all[0] : undefined;
}

const PEERING_TYPES: readonly string[] = ["aws_vpc_peering_connection"];

/** The outcome for one route that sends traffic to a peering connection. */
function judgeRoute(route: View, fields: RouteFields, owner: Resource, table: Resource | undefined, model: Model): Outcome[] {
  const pcx = peeringOf(route, owner, model);
  const peer = pcx === undefined ? undefined : peerVpc(pcx, ownVpc(table, model), model);
  const blocks = peer === undefined ? undefined : blocksOf(peer, model);
  const out: Outcome[] = [];
  const families = [
    { path: fields.v4, world: "0.0.0.0/0", pick: (b: VpcBlocks) => b.v4 },
    { path: fields.v6, world: "::/0", pick: (b: VpcBlocks) => b.v6 },
  ];
  for (let i = 0; i < families.length; i++) {
    const f = families[i];
    const dest = setting(route, f.path);
    if (dest.kind === "absent") continue;
    if (dest.kind === "unknown") {
      out.push(unknown(`${f.path} is unknown until apply`, `Route::${f.path}`));
      continue;
    }
    const cidr = String(dest.value);
    const item = `Route::${cidr}`;
    const parsed = parseCidr(cidr);
    if (parsed === undefined) continue;
    if (parsed.span.start === 0n && parseCidr(f.world)?.span.end === parsed.span.end) {
      out.push(fail(`${cidr} (every address) goes to the peering connection: all traffic without a more specific route is sent to the peer network`, item));
      continue;
    }
    if (blocks === undefined) {
      out.push(unknown(`the peer VPC of the peering connection is not one of this configuration, so its CIDR blocks are unknown; ${cidr} may be wider`, item));
      continue;
    }
    const peerBlocks = f.pick(blocks);
    const outside = subtract([parsed.span], peerBlocks.spans);
    if (outside.length === 0) out.push(pass(item));
    else if (peerBlocks.incomplete) out.push(unknown(`${cidr} is wider than the peer VPC ${peer!.address}'s known CIDR blocks, and some of its blocks are unknown until apply`, item));
    else out.push(fail(`${cidr} is wider than the CIDR blocks of the peer VPC ${peer!.address}: traffic for addresses outside the peer goes to the peering connection`, item));
  }
  if (setting(route, fields.prefixList).kind !== "absent") {
    out.push(unknown(`the destination is a prefix list; its entries are not compared with the peer VPC's CIDR blocks`, `Route::${fields.prefixList}`));
  }
  return out;
}

/** Whether a route sends its traffic to a VPC peering connection. */
function toPeering(route: View): boolean {
  return setting(route, "vpc_peering_connection_id").kind !== "absent";
}

function check(resource: Resource, model: Model): readonly Outcome[] | Outcome {
  if (resource.type === "aws_route") {
    if (!toPeering(resource)) return na("the route does not target a VPC peering connection");
    const table = model.referenced(resource, "route_table_id", ROUTE_TABLE_TYPES)[0];
    return orPass(judgeRoute(resource, ROUTE_RESOURCE_FIELDS, resource, table, model));
  }
  const routes = resource.getConfigured("route").kind === "known" ? resource.blocks("route").filter(toPeering) : [];
  if (routes.length === 0) return na("the route table has no inline route to a VPC peering connection");
  return orPass(routes.flatMap((r) => judgeRoute(r, INLINE_ROUTE_FIELDS, resource, resource, model)));
}

function orPass(out: Outcome[]): readonly Outcome[] | Outcome {
  return out.length > 0 ? out : pass();
}

export const ztNet022 = defineRule({
  id: "ZT-NET-022",
  title: "Route to a VPC peering connection is wider than the peer VPC's CIDR",
  severity: "medium",
  domain: "network",
  rationale:
    "A peering connection joins exactly two VPCs, so a route that sends more than the peer VPC's CIDR blocks to it hands the peer traffic meant for other networks: a default route through a peering connection gives the other account every connection the subnets open, and a wide private range (10.0.0.0/8) lets the peer's owner receive traffic for any address it adds to its VPC later. Zero trust routes to each network only the addresses that network owns. A destination of every address fails whatever the peer is; otherwise a peer VPC outside the configuration, or one whose blocks are known only after apply, leaves the route unknown. Checkov and AWS Security Hub have no equivalent.",
  remediation:
    "Route only the peer VPC's own CIDR blocks (aws_vpc.peer.cidr_block and its secondary blocks) to the aws_vpc_peering_connection, one route per block, in an aws_route or an inline route of aws_route_table.",
  references: {
    nist800207: ["Tenet 2", "Tenet 6"],
    nist80053: ["SC-7", "AC-4", "CM-7"],
  },
  resourceTypes: ["aws_route", ...ROUTE_TABLE_TYPES],
  check,
});
