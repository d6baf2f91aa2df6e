import { AMI_ID, INSTANCE_TYPE } from "../compute/host-settings";
import { HTTP_METHODS, SERVICE_PORT_PROTOCOLS } from "../../policies/shared/service-graph";
import { DIGEST_IMAGE, DNS_LABEL, DNS_NAME, PATH_PREFIX, PORT_NAME, REQUEST_PARAMETER, ROUTE_PATH, SERVICE_NAME } from "./check";
import {
  AnonymousRouteDeclaration,
  Ec2RuntimeDeclaration,
  ExternalDestinationDeclaration,
  KubernetesQuantityDeclaration,
  KubernetesRuntimeDeclaration,
  ServiceCallDeclaration,
  ServiceDeclaration,
  ServicePortDeclaration,
  ServiceRotationDeclaration,
  ServiceRouteDeclaration,
  ServiceRuntimeDeclaration,
  ServiceSecretDeclaration,
} from "./declaration";

/**
 * The JSON Schema (draft-07) of a service catalog file: `{ version: 1, services: [...] }`, each service a
 * `ServiceDeclaration`. `docs/service-catalog.schema.json` is its published copy, for editors and other tools; a test
 * keeps the two equal, and `UPDATE_SCHEMA=1 npx jest test/service/catalog.test.ts` rewrites the copy after a change
 * here. The object schemas are typed against the declaration's interfaces, so a field added to an
 * interface without its schema does not compile.
 */

/** A JSON Schema node as this file writes them. */
export type JsonSchema = { readonly [keyword: string]: unknown };

/** Stable id of the catalog schema, version 1. */
export const CATALOG_SCHEMA_ID = "urn:zero-trust-blueprint:service-catalog:v1";

/** The one catalog format version this library reads. */
export const CATALOG_VERSION = 1;

/** Keys of `T` that are not optional. */
type RequiredKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T];

/** What a string must look like, by the source of its `pattern`, as error messages name it. */
const PATTERN_TEXT = new Map<string, string>();

/** A string schema matching `pattern`, which error messages describe as `text` ("a DNS label ..."). */
function patterned(description: string, pattern: RegExp, text: string): JsonSchema {
  PATTERN_TEXT.set(pattern.source, text);
  return { description, type: "string", pattern: pattern.source };
}

/** How error messages describe a string that must match `pattern` (its source), when this schema uses it. */
export function patternText(pattern: string): string | undefined {
  return PATTERN_TEXT.get(pattern);
}

/**
 * A closed object schema for the interface `T`: `properties` must name every key of `T` and nothing else, `required`
 * exactly the keys `T` does not mark optional.
 */
function objectOf<T>(description: string, properties: { readonly [K in keyof Required<T>]: JsonSchema }, required: Record<RequiredKeys<T>, true>): JsonSchema {
  return { description, type: "object", additionalProperties: false, required: Object.keys(required), properties };
}

/** A schema that points at one of the definitions below. */
function ref(name: string): JsonSchema {
  return { $ref: `#/definitions/${name}` };
}

/** An integer schema from `minimum` to `maximum` (inclusive). */
function integer(description: string, minimum: number, maximum?: number, defaultValue?: number): JsonSchema {
  return { description, type: "integer", minimum, ...(maximum === undefined ? {} : { maximum }), ...(defaultValue === undefined ? {} : { default: defaultValue }) };
}

/** A non-empty string schema. */
function text(description: string, minLength = 1): JsonSchema {
  return { description, type: "string", minLength };
}

/** An array schema of `items`. */
function list(description: string, items: JsonSchema, unique = false): JsonSchema {
  return { description, type: "array", items, ...(unique ? { uniqueItems: true } : {}) };
}

const PORT_NUMBER = (description: string) => integer(description, 1, 65535);

const PORT_NAME_TEXT = "a DNS label of at most 15 characters: lower-case letters, digits and hyphens, starting with a letter (e.g. \"https\")";

const port = objectOf<ServicePortDeclaration>(
  "One port a service listens on.",
  {
    name: patterned("Name of the port, a DNS label (`https`, `grpc`, `metrics`); callers name it in `calls`.", PORT_NAME, PORT_NAME_TEXT),
    port: PORT_NUMBER("Port number, 1-65535."),
    protocol: {
      description: "Application protocol: `http` and `grpc` (over TCP) may carry methods and paths on edges; `tcp` and `udp` may not.",
      type: "string",
      enum: [...SERVICE_PORT_PROTOCOLS],
    },
  },
  { name: true, port: true, protocol: true },
);

const call = objectOf<ServiceCallDeclaration>(
  "One call a service makes: to a port of another declared service.",
  {
    service: text("Name of the called service."),
    port: text("Name of the callee's port."),
    methods: list(
      "HTTP methods the call uses, enforced by the layers that can (gateway routes, Istio AuthorizationPolicy). Only on `http` and `grpc` ports. Default: every method.",
      { type: "string", enum: [...HTTP_METHODS] },
      true,
    ),
    paths: list(
      "HTTP path prefixes the call uses, each starting with `/`. Only on `http` and `grpc` ports. Default: every path.",
      patterned("An HTTP path prefix.", PATH_PREFIX, "a path prefix: \"/\" and then no spaces, wildcards, query or fragment (e.g. \"/v1/orders\")"),
      true,
    ),
  },
  { service: true, port: true },
);

const secret = objectOf<ServiceSecretDeclaration>(
  "A secret of a service, readable by that service's identity only.",
  {
    name: text("Name of the secret; stored as `<service>/<name>`."),
    description: { description: "What the secret holds, for people. Default: none.", type: "string" },
  },
  { name: true },
);

const rotation = objectOf<ServiceRotationDeclaration>(
  "Rotation function of a service's secrets.",
  {
    lambdaArn: text("ARN of the Lambda function that rotates the service's secrets."),
    lambdaRoleArn: text("ARN of the role the function runs as; used by this service's rotation only."),
    scheduleDays: integer("Days between rotations (1-1000). Default: 30.", 1, 1000, 30),
  },
  { lambdaArn: true, lambdaRoleArn: true },
);

const ec2Runtime = objectOf<Ec2RuntimeDeclaration>(
  "A service on EC2: an auto scaling group of hardened hosts.",
  {
    kind: { description: "Runtime kind.", const: "ec2" },
    amiId: patterned("Pinned AMI id (`ami-` and 8 or 17 hex digits); never looked up.", AMI_ID, "a pinned AMI id: \"ami-\" and 8 or 17 hex digits (e.g. \"ami-0abcdef1234567890\")"),
    instanceType: {
      ...patterned("EC2 instance type. Default: \"t3.micro\".", INSTANCE_TYPE, "an EC2 instance type such as \"t3.micro\""),
      default: "t3.micro",
    },
    tier: {
      description:
        "Tier of the network the hosts run in: `private`, or `isolated` for a data-tier service that reaches nothing outside the VPC. Default: \"private\".",
      type: "string",
      enum: ["private", "isolated"] satisfies NonNullable<Ec2RuntimeDeclaration["tier"]>[],
      default: "private",
    },
    minSize: integer("Fewest instances. Default: 1.", 0, undefined, 1),
    maxSize: integer("Most instances. Default: the larger of 2 and `minSize`.", 1),
  },
  { kind: true, amiId: true },
);

const quantity = (what: string, request: string, limit: string): JsonSchema =>
  objectOf<KubernetesQuantityDeclaration>(
    `${what} request and limit of the container, as Kubernetes quantities. Default: { request: "${request}", limit: "${limit}" }.`,
    {
      request: text(`Amount the scheduler reserves for the container (e.g. "${request}").`),
      limit: text(`Most the container may use (e.g. "${limit}").`),
    },
    { request: true, limit: true },
  );

const kubernetesRuntime = objectOf<KubernetesRuntimeDeclaration>(
  "A service on the platform's EKS cluster: a Deployment in its team's namespace with its own ServiceAccount, a Service, and the graph's edges as NetworkPolicies and Istio policies. The platform needs a `kubernetes` cluster.",
  {
    kind: { description: "Runtime kind.", const: "kubernetes" },
    image: patterned(
      "Container image pinned by digest: `<repository>@sha256:<64 hex>`. A tag-only image is refused.",
      DIGEST_IMAGE,
      "an image pinned by digest: \"<repository>@sha256:\" and 64 lower-case hex digits",
    ),
    namespace: patterned("Namespace of the service's team, a DNS label; several services may share one. Default: the service name.", DNS_LABEL, "a DNS label: at most 63 lower-case letters, digits and hyphens, starting and ending with a letter or digit (e.g. \"orders\")"),
    replicas: integer("Number of pods. Default: 2.", 1, undefined, 2),
    runAsUser: integer("Numeric user id the container runs as (never 0), for an image whose `USER` is a name or root. Default: the image's user.", 1),
    cpu: quantity("CPU", "100m", "500m"),
    memory: quantity("Memory", "128Mi", "256Mi"),
    env: {
      description: "Plain environment variables of the container; never secrets (the service reads those from its secrets store). Default: {}.",
      type: "object",
      additionalProperties: { type: "string" },
    },
    readinessPath: patterned(
      "HTTP path of the readiness probe on the service's first `http` port (a gRPC health check on a `grpc` port, a TCP connection on a `tcp` one when the service has no `http` port). Default: no readiness probe.",
      PATH_PREFIX,
      "a path: \"/\" and then no spaces, wildcards, query or fragment (e.g. \"/ready\")",
    ),
  },
  { kind: true, image: true },
);

/** The schema of each runtime kind, by kind: a kind added to `ServiceRuntimeDeclaration` needs its entry here. */
const RUNTIMES: { readonly [K in ServiceRuntimeDeclaration["kind"]]: JsonSchema } = { ec2: ec2Runtime, kubernetes: kubernetesRuntime };

/** Name of the definition of a runtime kind: `ec2Runtime`. */
export function runtimeDefinition(kind: string): string {
  return `${kind}Runtime`;
}

const external = objectOf<ExternalDestinationDeclaration>(
  "A destination outside the platform that a service needs, e.g. a payment provider's API. On EC2 the hosts reach it through the network's NAT gateways, and only on the declared port.",
  {
    name: patterned("Name of the destination, a DNS label (`psp`); named in rule descriptions and the graph.", PORT_NAME, PORT_NAME_TEXT),
    port: PORT_NUMBER("Destination port, 1-65535."),
    protocol: { description: "Transport protocol. Default: \"tcp\".", type: "string", enum: ["tcp", "udp"] satisfies NonNullable<ExternalDestinationDeclaration["protocol"]>[], default: "tcp" },
    cidrs: list(
      "The destination's IPv4 address blocks. Without them the security group must allow the port to any internet address, which is recorded as a suppression of ZT-NET-014 with `reason`. Default: any internet address.",
      text("An IPv4 address block, e.g. \"203.0.113.0/24\"."),
      true,
    ),
    hosts: list(
      "DNS names the service calls the destination by (no wildcards). Required for a service on Kubernetes, whose mesh sidecar reaches only named hosts (REGISTRY_ONLY). Default: none.",
      patterned("A DNS name, e.g. \"api.psp.example.com\".", DNS_NAME, "a DNS name such as \"api.psp.example.com\" (lower-case, no wildcard)"),
      true,
    ),
    reason: text("Why the service needs the destination (at least 10 characters); shown in every policy report.", 10),
  },
  { name: true, port: true, reason: true },
);

const anonymous = objectOf<AnonymousRouteDeclaration>(
  "A route open to anonymous callers, with the reason recorded as a suppression shown in every report.",
  {
    none: { description: "Marks the route as anonymous.", const: true },
    reason: text("Why callers need no authentication (at least 10 characters).", 10),
  },
  { none: true, reason: true },
);

const route = objectOf<ServiceRouteDeclaration>(
  "A route of the platform's gateway to this service: a method and path from the internet to one of its ports.",
  {
    method: { description: "HTTP method, or `ANY`.", type: "string", enum: [...HTTP_METHODS, "ANY"] },
    path: patterned(
      "Path, starting with `/`; `{name}` segments are path parameters, `{proxy+}` a greedy last segment.",
      ROUTE_PATH,
      "a route path: \"/\" and segments of letters, digits, \"-._~\" or one {parameter} (e.g. \"/orders/{id}\")",
    ),
    port: text("Name of the service's port (an `http` or `grpc` port)."),
    authorizer: {
      description: "Name of one of the gateway's authorizers, or an anonymous route with its reason.",
      oneOf: [text("Name of one of the gateway's authorizers."), ref("anonymous")],
    },
    scopes: list("OAuth scopes a token must carry (Cognito and JWT authorizers only). Default: [] (any valid token).", text("An OAuth scope."), true),
    requiredParameters: list(
      "Query string parameters and headers the route requires (`method.request.querystring.page`). Default: [].",
      patterned("A required request parameter.", REQUEST_PARAMETER, "a parameter such as \"method.request.querystring.page\" or \"method.request.header.X-Request-Id\""),
      true,
    ),
  },
  { method: true, path: true, port: true, authorizer: true },
);

const service = objectOf<ServiceDeclaration>(
  "One service of the platform.",
  {
    name: patterned(
      "Service name: a DNS label of at most 32 characters, unique in the platform.",
      SERVICE_NAME,
      "a DNS label of at most 32 characters: lower-case letters, digits and hyphens, starting with a letter (e.g. \"orders\")",
    ),
    ports: list("Ports the service listens on; names are unique within the service.", ref("port")),
    runtime: {
      description: "Where the service runs; `kind` says which runtime (`ec2` or `kubernetes`).",
      type: "object",
      required: ["kind"],
      properties: { kind: { description: "Runtime kind.", type: "string", enum: Object.keys(RUNTIMES) } },
      discriminator: { propertyName: "kind" },
      oneOf: Object.keys(RUNTIMES).map((kind) => ref(runtimeDefinition(kind))),
    },
    calls: list(
      "Calls to other services of the platform. Each becomes an egress rule on this service's security group and an ingress rule on the callee's, on the named port only. Default: [] (calls nothing).",
      ref("call"),
    ),
    secrets: list("Secrets of the service, each readable by the service's identity only. Default: [] (no secrets).", ref("secret")),
    rotation: { ...ref("rotation"), description: "Rotation function of the service's secrets; required when `secrets` is not empty. Default: none (only valid without secrets)." },
    routes: list("Routes of the platform's gateway to this service (the service faces the edge). The platform needs a `gateway`. Default: [] (not reachable from outside the platform).", ref("route")),
    external: list("Destinations outside the platform the service needs. Default: [] (reaches nothing outside the platform).", ref("external")),
  },
  { name: true, ports: true, runtime: true },
);

/** The JSON Schema of a service catalog file, as published in `docs/service-catalog.schema.json`. */
export const CATALOG_SCHEMA: JsonSchema = {
  $schema: "http://json-schema.org/draft-07/schema#",
  $id: CATALOG_SCHEMA_ID,
  title: "ZT Blueprint service catalog",
  description:
    "The services of a platform: their ports, the calls between them, their secrets, runtimes and external destinations. ServiceCatalog.load reads it; ServicePlatform builds every layer from it.",
  type: "object",
  additionalProperties: false,
  required: ["version", "services"],
  properties: {
    $schema: { description: "Where editors find this schema (a path or URL); ignored by the library.", type: "string" },
    version: { description: "Catalog format version: 1.", const: CATALOG_VERSION },
    services: list("The services.", ref("service")),
  },
  definitions: {
    service,
    port,
    call,
    secret,
    rotation,
    external,
    route,
    anonymous,
    ...Object.fromEntries(Object.entries(RUNTIMES).map(([kind, schema]) => [runtimeDefinition(kind), schema])),
  },
};
