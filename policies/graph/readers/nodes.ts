import { Model, Resource } from "../../engine/model";
import { Ref } from "../../engine/types";
import { GROUP_TYPES } from "../../rules/network/_security-group-rules";
import { parseCidr } from "../../rules/network/_internet";
import {
  cidrNode,
  ENDPOINTS_NODE,
  GATEWAY_TAG,
  gatewayNode,
  groupNode,
  INTERNET_NODE,
  PLATFORM_PREFIX,
  PLATFORM_TAG,
  platformNode,
  prefixListNode,
  SERVICE_TAG,
  VPC_NODE,
} from "../../shared/service-graph";
import { FlowNode, NodeKind } from "../types";

/**
 * How the resources of one stack name the nodes of the flow graph (`policies/shared/service-graph.ts`): a security
 * group by its `zt:gateway`, `zt:service` or `zt:platform` tag, else by its address; an API by its `zt:gateway` tag,
 * else by its address; a CIDR as the internet, the VPC or itself; a prefix list as the gateway endpoint that owns it,
 * else itself. Built once per stack (`stackNodes`).
 */
export class StackNodes {
  /** Security groups of the stack. */
  readonly groups: readonly Resource[];
  private readonly nodes = new Map<string, { kind: NodeKind; label: string; addresses: Set<string> }>();
  private readonly groupNodes = new Map<Resource, string>();
  private readonly groupsById = new Map<string, Resource>();
  private readonly vpcCidrs = new Set<string>();
  private readonly endpointsByPrefixList = new Map<string, Resource>();

  constructor(
    readonly model: Model,
    /** A resource of the stack. */
    readonly near: Resource,
  ) {
    this.groups = GROUP_TYPES.flatMap((t) => model.ofTypeIn(t, near));
    for (const g of this.groups) {
      const id = g.str("id");
      if (id !== undefined) this.groupsById.set(id, g);
      const node = nodeOfGroup(g);
      this.groupNodes.set(g, node.id);
      this.add(node.id, node.kind, node.label, g.address);
    }
    for (const vpc of model.ofTypeIn("aws_vpc", near)) {
      const cidr = vpc.str("cidr_block");
      if (cidr !== undefined) this.vpcCidrs.add(cidr);
    }
    for (const endpoint of model.ofTypeIn("aws_vpc_endpoint", near)) {
      const id = endpoint.str("prefix_list_id");
      if (id !== undefined) this.endpointsByPrefixList.set(id, endpoint);
    }
  }

  /** The node a security group of the stack belongs to. */
  ofGroup(group: Resource): string {
    return this.groupNodes.get(group) ?? nodeOfGroup(group).id;
  }

  /** The groups that make a node (several groups may carry one service tag); none for a node that is not a group of the stack. */
  groupsOf(node: string): readonly Resource[] {
    if (this.byNode === undefined) {
      this.byNode = new Map();
      for (const g of this.groups) {
        const id = this.groupNodes.get(g)!;
        const list = this.byNode.get(id);
        if (list === undefined) this.byNode.set(id, [g]);
        else list.push(g);
      }
    }
    return this.byNode.get(node) ?? NO_GROUPS;
  }

  private byNode: Map<string, Resource[]> | undefined = undefined;

  /** The group of the stack with a known id (plans of existing groups), if any. */
  groupWithId(id: string): Resource | undefined {
    return this.groupsById.get(id);
  }

  /** The node of a group id that is not in the configuration: `sg:sg-0123`. */
  foreignGroup(id: string): string {
    return this.add(groupNode(id), "group", id);
  }

  /** The node of a known CIDR: the internet, the VPC, or the block itself. */
  ofCidr(cidr: string): string {
    if (cidr === "0.0.0.0/0" || cidr === "::/0") return this.add(INTERNET_NODE, "internet", "internet");
    if (this.vpcCidrs.has(cidr)) return this.add(VPC_NODE, "vpc", "VPC");
    return this.add(cidrNode(cidr), "cidr", cidr);
  }

  /**
   * The node of a CIDR unknown until apply, from the references it is computed from: the VPC for an aws_vpc's
   * `cidr_block`, a subnet's known block for an aws_subnet's; undefined when they do not name one.
   */
  ofCidrRefs(owner: Resource, refs: readonly Ref[]): string | undefined {
    const target = this.single(owner, refs, ["aws_vpc", "aws_subnet"]);
    if (target === undefined) return undefined;
    if (target.type === "aws_vpc") return this.add(VPC_NODE, "vpc", "VPC", target.address);
    const cidr = target.str("cidr_block");
    return cidr === undefined ? undefined : this.ofCidr(cidr);
  }

  /** The group a peer id unknown until apply names, from its references; undefined when they name none. */
  groupOfRefs(owner: Resource, refs: readonly Ref[]): Resource | undefined {
    return this.single(owner, refs, GROUP_TYPES);
  }

  /** The node of a known prefix list id: the gateway endpoint that owns it, else `prefix-list:<id>`. */
  ofPrefixList(id: string): string {
    const endpoint = this.endpointsByPrefixList.get(id);
    return endpoint !== undefined ? this.ofEndpoint(endpoint, id) : this.add(prefixListNode(id), "prefix-list", id);
  }

  /**
   * The node of a prefix list id unknown until apply: a gateway endpoint's `prefix_list_id` is `platform:<service>`,
   * a managed prefix list of the configuration is named by its address; undefined when the references name neither.
   */
  ofPrefixListRefs(owner: Resource, refs: readonly Ref[]): string | undefined {
    const target = this.single(owner, refs, ["aws_vpc_endpoint", "aws_ec2_managed_prefix_list", "data.aws_ec2_managed_prefix_list"]);
    if (target === undefined) return undefined;
    if (target.type === "aws_vpc_endpoint") return this.ofEndpoint(target, target.address);
    return this.add(prefixListNode(target.address), "prefix-list", target.address, target.address);
  }

  /**
   * The gateway node of an API (`aws_api_gateway_rest_api`, `aws_apigatewayv2_api`): `gateway:<zt:gateway tag>`, the
   * node its private integration's load balancer group shares; `gateway:<address>` for an API without the tag.
   */
  ofApi(api: Resource): string {
    const name = tagOf(api, GATEWAY_TAG);
    if (name !== undefined && name !== "") return this.add(gatewayNode(name), "gateway", name, api.address);
    return this.add(gatewayNode(api.address), "gateway", api.address, api.address);
  }

  /** Every node named so far, sorted by id. */
  all(): FlowNode[] {
    return [...this.nodes]
      .map(([id, n]) => ({ id, kind: n.kind, label: n.label, addresses: [...n.addresses].sort() }))
      .sort((a, b) => compare(a.id, b.id));
  }

  /** Records that node `id` appears in the graph. */
  private add(id: string, kind: NodeKind, label: string, address?: string): string {
    let node = this.nodes.get(id);
    if (node === undefined) this.nodes.set(id, (node = { kind, label, addresses: new Set() }));
    if (address !== undefined) node.addresses.add(address);
    return id;
  }

  /** A gateway endpoint as `platform:<service short name>` (`platform:s3`); by its prefix list when the name is unknown. */
  private ofEndpoint(endpoint: Resource, fallback: string): string {
    const service = shortServiceName(endpoint.str("service_name"));
    if (service === undefined) return this.add(prefixListNode(fallback), "prefix-list", fallback, endpoint.address);
    return this.add(platformNode(service), "platform", `${service} endpoint`, endpoint.address);
  }

  /** The one resource of `types` that references made by `owner` name; undefined when none or several. */
  private single(owner: Resource, refs: readonly Ref[], types: readonly string[]): Resource | undefined {
    const found = new Set<Resource>();
    for (const ref of refs) {
      if (ref.kind !== "resource" && ref.kind !== "data") continue;
      const target = this.model.resolve(owner, ref);
      if (target !== undefined && types.includes(target.mode === "data" ? `data.${target.type}` : target.type)) found.add(target);
    }
    return found.size === 1 ? [...found][0] : undefined;
  }
}

const NO_GROUPS: readonly Resource[] = Object.freeze([]);

/** `s3` from `com.amazonaws.eu-west-1.s3`, `ecr.api` from `com.amazonaws.eu-west-1.ecr.api`. */
export function shortServiceName(serviceName: string | undefined): string | undefined {
  if (serviceName === undefined) return undefined;
  const parts = serviceName.split(".");
  return parts.length >= 4 ? parts.slice(3).join(".") : undefined;
}

/** The value of a tag of a resource (`tags`, or `tags_all` in plans), when known. */
export function tagOf(r: Resource, key: string): string | undefined {
  return tagIn(r.known("tags"), key) ?? tagIn(r.known("tags_all"), key);
}

function tagIn(tags: unknown, key: string): string | undefined {
  if (typeof tags !== "object" || tags === null) return undefined;
  const v = (tags as Record<string, unknown>)[key];
  return typeof v === "string" && !v.includes("${") ? v : undefined;
}

/**
 * The node of a group of the configuration: its gateway (the group of a gateway's load balancer), its service, its
 * platform component, or its address.
 */
function nodeOfGroup(g: Resource): { id: string; kind: NodeKind; label: string } {
  const gateway = tagOf(g, GATEWAY_TAG);
  if (gateway !== undefined && gateway !== "") return { id: gatewayNode(gateway), kind: "gateway", label: gateway };
  const service = tagOf(g, SERVICE_TAG);
  if (service !== undefined && service !== "") return { id: service, kind: "service", label: service };
  const platform = tagOf(g, PLATFORM_TAG);
  if (platform !== undefined && platform !== "") {
    const id = platformNode(platform);
    return { id, kind: "platform", label: id === ENDPOINTS_NODE ? "VPC endpoints" : platform };
  }
  return { id: groupNode(g.address), kind: "group", label: g.address };
}

/** True when a node is a gateway (`gateway:...`). */
export function isGatewayNode(id: string): boolean {
  return id.startsWith(gatewayNode(""));
}

/** True when a node is a platform component (`platform:...`). */
export function isPlatformNode(id: string): boolean {
  return id.startsWith(PLATFORM_PREFIX);
}

/** True when the CIDR `outer` holds every address of `inner` (both known; false when either is not a CIDR). */
export function cidrContains(outer: string, inner: string): boolean {
  const o = parseCidr(outer);
  const i = parseCidr(inner);
  return o !== undefined && i !== undefined && o.v6 === i.v6 && o.span.start <= i.span.start && i.span.end <= o.span.end;
}

/** True when two known CIDRs share an address. */
export function cidrOverlaps(a: string, b: string): boolean {
  const x = parseCidr(a);
  const y = parseCidr(b);
  return x !== undefined && y !== undefined && x.v6 === y.v6 && x.span.start < y.span.end && y.span.start < x.span.end;
}

/** Code-point order, the same on every machine (no locale). */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
