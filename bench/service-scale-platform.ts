/**
 * The platform the service-scale bench synthesizes: a deterministic declaration of `n` services shaped like a real
 * platform, in three layers.
 *
 * - **edge** (10 %, at least one): HTTP on 8443 in the private tier, the services a gateway would front (they declare
 *   no gateway routes, so the platform has no gateway); each calls six mid-tier services.
 * - **mid** (60 %): HTTP on 8443 or gRPC on 9443 in the private tier; each calls two other mid-tier services and two
 *   data-tier services.
 * - **data** (30 %): PostgreSQL 5432, Redis 6379 or MySQL 3306 in the isolated tier (the network's default
 *   `dataPorts`); called from the private tier only, and calling nothing.
 *
 * That is 0.1 × 6 + 0.6 × 4 = 3 declared calls per service. Callees are drawn without replacement from a seeded
 * generator, so a caller never calls itself or the same service twice, and every size is the same platform each time.
 * Half the HTTP calls name methods and path prefixes; every other mid-tier service and every data-tier service has
 * secrets (one or two, rotated), and one mid-tier service in ten reaches an external API through NAT on 443, by
 * address block.
 */
import type { ServiceCallDeclaration, ServiceDeclaration, ServicePortDeclaration } from "../constructs/service";

/** Pinned AMI of every host. */
const AMI = "ami-0abcdef1234567890";
/** Account of the platform and its rotation functions. */
export const SCALE_ACCOUNT = "111122223333";
/** Region of the platform and its rotation functions. */
export const SCALE_REGION = "eu-west-1";

const EDGE_CALLS = 6;
const MID_TO_MID_CALLS = 2;
const MID_TO_DATA_CALLS = 2;

const HTTP: ServicePortDeclaration = { name: "https", port: 8443, protocol: "http" };
const GRPC: ServicePortDeclaration = { name: "grpc", port: 9443, protocol: "grpc" };
const DATA_PORTS: readonly ServicePortDeclaration[] = [
  { name: "postgres", port: 5432, protocol: "tcp" },
  { name: "redis", port: 6379, protocol: "tcp" },
  { name: "mysql", port: 3306, protocol: "tcp" },
];

/** How many services of each layer a platform of `n` services has. */
export function layerSizes(n: number): { edge: number; mid: number; data: number } {
  if (!Number.isInteger(n) || n < 3) throw new Error(`a platform needs at least 3 services (one per layer), not ${n}`);
  const edge = Math.max(1, Math.round(n * 0.1));
  const data = Math.max(1, Math.round(n * 0.3));
  return { edge, mid: n - edge - data, data };
}

/** The declaration of a platform of `n` services (see the file's comment for its shape). */
export function scaleServices(n: number): ServiceDeclaration[] {
  const sizes = layerSizes(n);
  const random = seeded(n);
  const edge = names("edge", sizes.edge);
  const mid = names("mid", sizes.mid);
  const data = names("data", sizes.data);
  const midPort = (i: number) => (i % 2 === 0 ? HTTP : GRPC);
  const dataPort = (i: number) => DATA_PORTS[i % DATA_PORTS.length];
  const callTo = (callee: number, port: ServicePortDeclaration, k: number, calleeName: string): ServiceCallDeclaration =>
    port.protocol === "tcp" || k % 2 === 1
      ? { service: calleeName, port: port.name }
      : { service: calleeName, port: port.name, methods: ["GET", "POST"], paths: [`/v1/${calleeName}`, `/v2/${calleeName}/${callee % 7}`] };

  const services: ServiceDeclaration[] = [];
  edge.forEach((name) => {
    const calls = pick(random, sizes.mid, EDGE_CALLS, -1).map((j, k) => callTo(j, midPort(j), k, mid[j]));
    services.push({ name, ports: [HTTP], runtime: { kind: "ec2", amiId: AMI }, calls });
  });
  mid.forEach((name, i) => {
    const calls = [
      ...pick(random, sizes.mid, MID_TO_MID_CALLS, i).map((j, k) => callTo(j, midPort(j), k, mid[j])),
      ...pick(random, sizes.data, MID_TO_DATA_CALLS, -1).map((j, k) => callTo(j, dataPort(j), k, data[j])),
    ];
    const secrets = i % 2 === 0 ? (i % 4 === 0 ? ["db-password", "api-key"] : ["db-password"]) : [];
    services.push({
      name,
      ports: [midPort(i)],
      runtime: { kind: "ec2", amiId: AMI },
      calls,
      ...withSecrets(name, secrets),
      ...(i % 10 === 3
        ? { external: [{ name: "partner", port: 443, cidrs: [`198.51.100.${(i * 8) % 256}/29`], reason: "calls a partner's API, which has no private endpoint" }] }
        : {}),
    });
  });
  data.forEach((name, i) => {
    services.push({ name, ports: [dataPort(i)], runtime: { kind: "ec2", amiId: AMI, tier: "isolated" }, ...withSecrets(name, ["admin-password"]) });
  });
  return services;
}

/** The number of declared calls of `services`. */
export function callCount(services: readonly ServiceDeclaration[]): number {
  return services.reduce((sum, s) => sum + (s.calls?.length ?? 0), 0);
}

function names(layer: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${layer}-${String(i + 1).padStart(3, "0")}`);
}

function withSecrets(service: string, secrets: readonly string[]): Pick<ServiceDeclaration, "secrets" | "rotation"> {
  if (secrets.length === 0) return {};
  return {
    secrets: secrets.map((name) => ({ name })),
    rotation: {
      lambdaArn: `arn:aws:lambda:${SCALE_REGION}:${SCALE_ACCOUNT}:function:rotate-${service}`,
      lambdaRoleArn: `arn:aws:iam::${SCALE_ACCOUNT}:role/rotate-${service}`,
    },
  };
}

/** `count` distinct indexes below `size`, never `self`; fewer when the layer is too small to hold them. */
function pick(random: () => number, size: number, count: number, self: number): number[] {
  const pool = Array.from({ length: size }, (_, i) => i).filter((i) => i !== self);
  const chosen: number[] = [];
  while (chosen.length < count && pool.length > 0) chosen.push(pool.splice(Math.floor(random() * pool.length), 1)[0]);
  return chosen;
}

/** A deterministic generator of numbers in [0, 1): a 32-bit xorshift seeded with `seed`. */
function seeded(seed: number): () => number {
  let state = (seed * 2654435761) >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 2 ** 32;
  };
}
