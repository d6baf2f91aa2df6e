import { SegmentedNetworkProps } from "../../constructs/network";
import { parseCidr } from "../../constructs/network/cidr";
import { StackJson, entries, resources, synthNetwork } from "./fixtures";

/**
 * Simulates the tiers' NACLs as AWS evaluates them: per subnet and direction, rules in ascending rule number,
 * the first rule whose protocol, CIDR and port range match decides, and anything no rule matches is denied.
 * NACLs are stateless, so a TCP connection needs four verdicts: the client's subnet lets the request out,
 * the server's subnet lets it in, the server's subnet lets the answer out (to the client's source port),
 * and the client's subnet lets the answer in.
 */

interface Rule {
  readonly number: number;
  readonly action: string;
  readonly protocol: string;
  readonly from: number;
  readonly to: number;
  readonly low: number;
  readonly high: number;
}

type Tier = "public" | "private" | "isolated";
/** A tier, or an address outside the VPC (no NACL of this network applies on its side). */
type Place = Tier | "outside";
type Direction = "ingress" | "egress";

const TCP = "6";
const UDP = "17";
const PORTS = 65536;

function ipNumber(address: string): number {
  return address.split(".").reduce((n, part) => n * 256 + Number(part), 0);
}

function ipText(n: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join(".");
}

function block(cidr: string): { low: number; high: number } {
  const parsed = parseCidr(cidr);
  if (!parsed.ok) throw new Error(`bad CIDR ${cidr}`);
  const low = ipNumber(cidr.split("/")[0]);
  return { low, high: low + 2 ** (32 - parsed.cidr.prefix) - 1 };
}

/** The NACL rules of a tier in one direction, in evaluation order. */
function naclRules(json: StackJson, tier: Tier, direction: Direction): Rule[] {
  const [aclId] = entries(json, "aws_network_acl").find(([, body]) => body.tags["zt:tier"] === tier) ?? [];
  if (!aclId) throw new Error(`no NACL for tier ${tier}`);
  return resources(json, "aws_network_acl_rule")
    .filter((rule) => rule.network_acl_id === `\${aws_network_acl.${aclId}.id}` && rule.egress === (direction === "egress"))
    .map((rule) => ({ number: rule.rule_number, action: rule.rule_action, protocol: String(rule.protocol), from: rule.from_port, to: rule.to_port, ...block(rule.cidr_block) }))
    .sort((a, b) => a.number - b.number);
}

/** Whether the first matching rule allows a packet of `protocol` to or from `peer` with destination port `port`. */
function allows(rules: readonly Rule[], protocol: string, peer: number, port: number): boolean {
  for (const rule of rules) {
    if (rule.protocol !== "-1" && rule.protocol !== protocol) continue;
    if (peer < rule.low || peer > rule.high) continue;
    if (rule.protocol !== "-1" && (port < rule.from || port > rule.to)) continue;
    return rule.action === "allow";
  }
  return false;
}

/** For every port, whether the rules allow a packet with that destination port to or from `peer`. */
function portMap(rules: readonly Rule[] | undefined, protocol: string, peer: number): boolean[] {
  return Array.from({ length: PORTS }, (_, port) => rules === undefined || allows(rules, protocol, peer, port));
}

class Nacls {
  private readonly rules = new Map<string, Rule[]>();

  constructor(private readonly json: StackJson) {}

  private of(tier: Place, direction: Direction): Rule[] | undefined {
    if (tier === "outside") return undefined;
    const key = `${tier}/${direction}`;
    if (!this.rules.has(key)) this.rules.set(key, naclRules(this.json, tier, direction));
    return this.rules.get(key)!;
  }

  /** Server ports of `server` that `client` can open a connection to (some source port completing the exchange). */
  reachablePorts(protocol: string, client: { tier: Place; ip: number }, server: { tier: Place; ip: number }): number[] {
    const requestOut = portMap(this.of(client.tier, "egress"), protocol, server.ip);
    const requestIn = portMap(this.of(server.tier, "ingress"), protocol, client.ip);
    const answerOut = portMap(this.of(server.tier, "egress"), protocol, client.ip);
    const answerIn = portMap(this.of(client.tier, "ingress"), protocol, server.ip);
    const sourcePortWorks = answerOut.some((ok, sourcePort) => ok && answerIn[sourcePort]);
    if (!sourcePortWorks) return [];
    const open: number[] = [];
    for (let port = 0; port < PORTS; port++) if (requestOut[port] && requestIn[port]) open.push(port);
    return open;
  }
}

/** The first and last address of every subnet of a tier. */
function tierAddresses(json: StackJson, tier: Tier): number[] {
  return resources(json, "aws_subnet")
    .filter((subnet) => subnet.tags["zt:tier"] === tier)
    .flatMap((subnet) => {
      const { low, high } = block(subnet.cidr_block);
      return [low, high];
    });
}

function ranges(ports: number[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < ports.length; i++) {
    let j = i;
    while (j + 1 < ports.length && ports[j + 1] === ports[j] + 1) j++;
    out.push(i === j ? String(ports[i]) : `${ports[i]}-${ports[j]}`);
    i = j;
  }
  return out;
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

const NETWORKS: [string, Partial<SegmentedNetworkProps>][] = [
  ["public tier with NAT per zone", { tiers: { public: { enabled: true } }, natGateways: "perAz", allowHttpIngress: true }],
  ["public tier without NAT", { tiers: { public: { enabled: true } } }],
  ["public tier, custom data ports", { tiers: { public: { enabled: true } }, natGateways: "single", dataPorts: [5432, 27017, 9092] }],
  ["public tier, no interface endpoints", { tiers: { public: { enabled: true } }, natGateways: "single", interfaceEndpoints: [] }],
];

describe("NACL reachability (ordered, first match, stateless)", () => {
  for (const [name, props] of NETWORKS) {
    describe(name, () => {
      const json = synthNetwork(props).json;
      const nacls = new Nacls(json);
      const isolated = tierAddresses(json, "isolated");
      const dataPorts = props.dataPorts ?? [5432, 3306, 6379, 443];
      const interfaceEndpoints = props.interfaceEndpoints === undefined || props.interfaceEndpoints.length > 0;

      it("no public-tier address reaches any isolated-tier port, on TCP or UDP, in either direction", () => {
        const open: string[] = [];
        for (const protocol of [TCP, UDP]) {
          for (const pub of tierAddresses(json, "public")) {
            for (const iso of isolated) {
              const there = nacls.reachablePorts(protocol, { tier: "public", ip: pub }, { tier: "isolated", ip: iso });
              const back = nacls.reachablePorts(protocol, { tier: "isolated", ip: iso }, { tier: "public", ip: pub });
              if (there.length > 0) open.push(`${ipText(pub)} -> ${ipText(iso)} (${protocol}): ${ranges(there).join(",")}`);
              if (back.length > 0) open.push(`${ipText(iso)} -> ${ipText(pub)} (${protocol}): ${ranges(back).join(",")}`);
            }
          }
        }
        expect(open).toEqual([]);
      });

      // With interface endpoints in the private tier, the isolated tier must take their answers on its ephemeral
      // ports; a stateless NACL cannot tell those from new connections, so the ephemeral range stays open to the
      // private tier (security groups, which are stateful, close it per host).
      const expectedFromPrivate = [...new Set([...dataPorts, ...(interfaceEndpoints ? range(1024, 65535) : [])])].sort((a, b) => a - b);

      it(`the private tier reaches exactly ${interfaceEndpoints ? "the data ports and the ephemeral range" : "the data ports"} of the isolated tier, on TCP only`, () => {
        for (const priv of tierAddresses(json, "private")) {
          for (const iso of isolated) {
            expect(ranges(nacls.reachablePorts(TCP, { tier: "private", ip: priv }, { tier: "isolated", ip: iso }))).toEqual(ranges(expectedFromPrivate));
            expect(nacls.reachablePorts(UDP, { tier: "private", ip: priv }, { tier: "isolated", ip: iso })).toEqual([]);
          }
        }
      });

      // The private tier's answers to the isolated tier's data ports go to ephemeral ports, which the same
      // statelessness leaves open from the isolated tier to the private tier.
      it(`the isolated tier reaches ${interfaceEndpoints ? "443 (the interface endpoints) and" : "only"} the ephemeral range of the private tier, on TCP only`, () => {
        const expected = ranges([...(interfaceEndpoints ? [443] : []), ...range(1024, 65535)]);
        for (const iso of isolated) {
          for (const priv of tierAddresses(json, "private")) {
            expect(ranges(nacls.reachablePorts(TCP, { tier: "isolated", ip: iso }, { tier: "private", ip: priv }))).toEqual(expected);
            expect(nacls.reachablePorts(UDP, { tier: "isolated", ip: iso }, { tier: "private", ip: priv })).toEqual([]);
          }
        }
      });

      it("the isolated tier reaches S3 and DynamoDB addresses outside the VPC on 443 only", () => {
        for (const service of ["52.218.0.1", "3.5.64.10", "52.94.5.1"]) {
          for (const iso of isolated) {
            expect(nacls.reachablePorts(TCP, { tier: "isolated", ip: iso }, { tier: "outside", ip: ipNumber(service) })).toEqual([443]);
          }
        }
      });
    });
  }
});
