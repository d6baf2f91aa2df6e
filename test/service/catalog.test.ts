import * as fs from "fs";
import * as path from "path";
import Ajv from "ajv";
import { stringify } from "yaml";
import { CatalogError, ServiceCatalog } from "../../constructs/service/catalog";
import { CATALOG_SCHEMA, CATALOG_SCHEMA_ID, JsonSchema } from "../../constructs/service/catalog-schema";
import {
  AnonymousRouteDeclaration,
  ServiceRouteDeclaration,
  Ec2RuntimeDeclaration,
  KubernetesRuntimeDeclaration,
  ExternalDestinationDeclaration,
  ServiceCallDeclaration,
  ServiceDeclaration,
  ServicePortDeclaration,
  ServiceRotationDeclaration,
  ServiceRuntimeDeclaration,
  ServiceSecretDeclaration,
} from "../../constructs/service/declaration";
import { SERVICE_PORT_PROTOCOLS } from "../../policies/shared/service-graph";
import { exampleServices } from "../../stacks/config";
import { tempFolder } from "../support/temp-folder";

const FIXTURES = path.join(__dirname, "fixtures", "catalog");
const PUBLISHED_SCHEMA = path.join(__dirname, "..", "..", "docs", "service-catalog.schema.json");
const REGENERATE = "UPDATE_SCHEMA=1 npx jest test/service/catalog.test.ts";

const fixture = (name: string) => path.join(FIXTURES, name);

/** The CatalogError `read` throws; fails the test when it throws something else or nothing. */
function catalogError(read: () => unknown): CatalogError {
  try {
    read();
  } catch (e) {
    if (CatalogError.isCatalogError(e)) return e;
    throw e;
  }
  throw new Error("no CatalogError was thrown");
}

/** A small sound catalog in YAML: web calls api on port https. */
const SMALL = `version: 1
services:
  - name: web
    ports: [{ name: https, port: 8443, protocol: http }]
    runtime: { kind: ec2, amiId: ami-0abcdef1234567890 }
    calls:
      - service: api
        port: https
  - name: api
    ports:
      - name: https
        port: 9443
        protocol: http
    runtime:
      kind: ec2
      amiId: ami-0abcdef1234567890
`;

/** `SMALL` with `from` replaced by `to` (which must occur once). */
function small(from: string, to: string): string {
  expect(SMALL.split(from)).toHaveLength(2);
  return SMALL.replace(from, to);
}

describe("ServiceCatalog.load", () => {
  const dir = tempFolder("ztb-catalog-");

  it("reads the same declaration from a YAML catalog and from its JSON copy", () => {
    const yaml = ServiceCatalog.load(fixture("platform.yaml"));
    const json = ServiceCatalog.load(fixture("platform.json"));
    expect(json).toEqual(yaml);
    expect(yaml.services.map((s) => s.name)).toEqual(["web", "orders", "payments", "ledger"]);
    expect(yaml.services[0].calls).toEqual([{ service: "orders", port: "api", methods: ["GET", "POST"], paths: ["/v1/orders"] }]);
    expect(yaml.services[3].runtime).toEqual({ kind: "ec2", amiId: "ami-0abcdef1234567890", tier: "isolated" });
    expect(yaml.services[2].external?.[0]).toEqual({ name: "psp", port: 443, cidrs: ["203.0.113.0/24"], reason: "Card payments go to the payment service provider's API" });
  });

  it("returns plain data: the declaration without $schema and version", () => {
    const declaration = ServiceCatalog.load(fixture("platform.json"));
    expect(Object.keys(declaration)).toEqual(["services"]);
    expect(JSON.parse(JSON.stringify(declaration))).toEqual(declaration);
  });

  it("reads .yml files as YAML, whatever the case of the extension", () => {
    const file = dir.write("services.YML", SMALL);
    expect(ServiceCatalog.load(file).services.map((s) => s.name)).toEqual(["web", "api"]);
  });

  it("reports an unknown callee with its path and the closest service name", () => {
    const file = fixture("unknown-callee.yaml");
    const error = catalogError(() => ServiceCatalog.load(file));
    expect(error.message).toBe(
      `${file}:13:9: services[1].calls[0]: service "orders" calls "paymnts", which is not a service of the platform; did you mean "payments"?`,
    );
    expect(error).toMatchObject({ file, path: "services[1].calls[0]", line: 13, column: 9 });
  });

  it("reports a value of the wrong type with what it must be", () => {
    const file = fixture("wrong-type.yaml");
    expect(catalogError(() => ServiceCatalog.load(file)).message).toBe(
      `${file}:12:15: services[1].ports[0].port: "port" must be an integer from 1 to 65535, not "9443".`,
    );
  });

  it("reports a missing field with what to add", () => {
    const file = fixture("missing-field.yaml");
    expect(catalogError(() => ServiceCatalog.load(file)).message).toBe(`${file}:9:9: services[0].calls[1]: missing "port"; add the callee's port name.`);
  });

  it("reports a YAML syntax error with its line and column", () => {
    const file = fixture("syntax-error.yaml");
    const error = catalogError(() => ServiceCatalog.load(file));
    expect(error.message).toBe(
      `${file}:7:18: services[0].calls[0].service: not valid YAML: nested mappings are not allowed in compact mappings; check the indentation, the "key: value" pairs and the quotes at this place.`,
    );
    expect(error).toMatchObject({ line: 7, column: 18 });
  });

  it("reports an unknown field at its key, with the field it probably means", () => {
    const file = dir.write("services.yaml", small("        protocol: http", "        protocl: http"));
    expect(catalogError(() => ServiceCatalog.load(file)).message).toBe(`${file}:13:9: services[1].ports[0].protocl: unknown field "protocl"; did you mean "protocol"?`);
  });

  it("reports an unknown field far from every field with the fields allowed", () => {
    const file = dir.write("services.yaml", small("        port: https\n", "        port: https\n        timeout: 5\n"));
    expect(catalogError(() => ServiceCatalog.load(file)).message).toBe(
      `${file}:9:9: services[0].calls[0].timeout: unknown field "timeout"; remove it or use one of: service, port, methods, paths.`,
    );
  });

  it("prefers a misspelt field to the missing field it stands for", () => {
    const file = dir.write("services.yaml", small("        port: https\n", "        prt: https\n"));
    expect(catalogError(() => ServiceCatalog.load(file)).message).toBe(`${file}:8:9: services[0].calls[0].prt: unknown field "prt"; did you mean "port"?`);
  });

  it("reports a value outside an enum with the values allowed", () => {
    const file = dir.write("services.yaml", small("protocol: http }", "protocol: https }"));
    expect(catalogError(() => ServiceCatalog.load(file)).message).toBe(
      `${file}:4:50: services[0].ports[0].protocol: "protocol" must be one of "http", "grpc", "tcp", "udp", not "https".`,
    );
  });

  it("reports a runtime by the branch its kind names, and an unknown kind with the kinds there are", () => {
    const bigHosts = dir.write("big.yaml", small("      amiId: ami-0abcdef1234567890\n", "      amiId: ami-0abcdef1234567890\n      minSize: -1\n"));
    expect(catalogError(() => ServiceCatalog.load(bigHosts)).message).toBe(`${bigHosts}:17:16: services[1].runtime.minSize: "minSize" must be an integer of at least 0, not -1.`);
    const lambda = dir.write("lambda.yaml", small("      kind: ec2\n", "      kind: lambda\n"));
    expect(catalogError(() => ServiceCatalog.load(lambda)).message).toBe(`${lambda}:15:13: services[1].runtime.kind: "kind" must be one of "ec2", "kubernetes", not "lambda".`);
    const kubernetes = dir.write("k8s.yaml", small("      kind: ec2\n", "      kind: kubernetes\n"));
    expect(catalogError(() => ServiceCatalog.load(kubernetes)).message).toBe(
      `${kubernetes}:16:7: services[1].runtime.amiId: unknown field "amiId"; remove it or use one of: kind, image, namespace, replicas, runAsUser, cpu, memory, env, readinessPath.`,
    );
    const noKind = dir.write("no-kind.yaml", small("      kind: ec2\n", ""));
    expect(catalogError(() => ServiceCatalog.load(noKind)).message).toBe(`${noKind}:15:7: services[1].runtime: missing "kind"; add the runtime kind: ec2 or kubernetes.`);
  });

  it("describes a pattern in words", () => {
    const file = dir.write("services.yaml", small("  - name: api", "  - name: API"));
    expect(catalogError(() => ServiceCatalog.load(file)).message).toBe(
      `${file}:9:11: services[1].name: "name" must be a DNS label of at most 32 characters: lower-case letters, digits and hyphens, starting with a letter (e.g. "orders"), not "API".`,
    );
  });

  it("reports a catalog version it does not read, and a catalog without one", () => {
    const v2 = dir.write("v2.yaml", small("version: 1", "version: 2"));
    expect(catalogError(() => ServiceCatalog.load(v2)).message).toBe(`${v2}:1:10: version: "version" must be 1, not 2.`);
    const none = dir.write("none.yaml", small("version: 1\n", ""));
    expect(catalogError(() => ServiceCatalog.load(none)).message).toBe(`${none}:1:1: missing "version"; add "version: 1" at the top (the catalog format version).`);
  });

  it("reports a duplicate YAML key with its path", () => {
    const file = dir.write("services.yaml", small("        port: 9443\n", "        port: 9443\n        port: 9444\n"));
    expect(catalogError(() => ServiceCatalog.load(file)).message).toBe(`${file}:13:9: services[1].ports[0].port: "port" is given twice in one mapping; keep one of them.`);
  });

  it("reports a duplicate JSON key, which JSON.parse would drop, with its path", () => {
    const file = fixture("duplicate-key.json");
    expect(catalogError(() => ServiceCatalog.load(file)).message).toBe(`${file}:8:7: services[0].name: "name" is given twice in one mapping; keep one of them.`);
  });

  it("reports a JSON syntax error with its line and column", () => {
    const file = fixture("trailing-comma.json");
    expect(catalogError(() => ServiceCatalog.load(file)).message).toBe(
      `${file}:7:69: services[0]: not valid JSON: a comma before the closing bracket, which JSON does not allow; remove it.`,
    );
    const unquoted = dir.write("services.json", '{\n  "version": 1,\n  "services": [{ "name": web }]\n}\n');
    expect(catalogError(() => ServiceCatalog.load(unquoted)).message).toBe(
      `${unquoted}:3:26: services[0].name: not valid JSON: "web" is not a JSON value; put strings in double quotes, and write numbers, true, false or null as they are.`,
    );
    const unclosed = dir.write("unclosed.json", '{\n  "version": 1,\n  "services": []\n');
    expect(catalogError(() => ServiceCatalog.load(unclosed)).message).toBe(
      `${unclosed}:4:1: not valid JSON: expected ',' or '}' after property value; check the brackets, commas and quotes at this place.`,
    );
  });

  it("reads a JSON file as JSON only: YAML syntax in a .json file is an error", () => {
    const file = dir.write("services.json", SMALL);
    expect(catalogError(() => ServiceCatalog.load(file)).message).toBe(
      `${file}:1:1: not valid JSON: YAML block syntax; write JSON objects in braces, or name the file .yaml.`,
    );
  });

  it("refuses an extension other than .json, .yaml and .yml, naming those", () => {
    const file = dir.write("services.toml", SMALL);
    expect(catalogError(() => ServiceCatalog.load(file)).message).toBe(`${file}: a catalog is JSON or YAML, not ".toml"; name the file with one of .json, .yaml, .yml.`);
    expect(catalogError(() => ServiceCatalog.parse(SMALL, "services")).message).toBe(
      "services: a catalog is JSON or YAML, not a file without an extension; name the file with one of .json, .yaml, .yml.",
    );
  });

  it("names a missing file", () => {
    const file = path.join(dir.path, "missing.yaml");
    const error = catalogError(() => ServiceCatalog.load(file));
    expect(error.message).toBe(`${file}: no such file; give the path of the catalog file (a relative path starts at ${process.cwd()}).`);
    expect(error).toMatchObject({ file, path: "", line: undefined, column: undefined });
  });

  it("names a folder given as the catalog file", () => {
    const folder = path.join(dir.path, "services.yaml");
    fs.mkdirSync(folder);
    expect(catalogError(() => ServiceCatalog.load(folder)).message).toBe(`${folder}: is a folder; give the path of the catalog file in it.`);
  });

  it("reads a file that starts with a byte order mark", () => {
    const file = dir.write("services.json", `\uFEFF${JSON.stringify({ version: 1, services: ServiceCatalog.parse(SMALL, "small.yaml").services })}`);
    expect(ServiceCatalog.load(file).services.map((s) => s.name)).toEqual(["web", "api"]);
  });

  it("reports a catalog without services through the declaration's checks", () => {
    const file = dir.write("services.yaml", "version: 1\nservices: []\n");
    expect(catalogError(() => ServiceCatalog.load(file)).message).toBe(`${file}:2:11: services: declares no service; add at least one to services.`);
  });

  it("refuses YAML aliases that expand exponentially", () => {
    const levels = Array.from({ length: 9 }, (_, i) => `l${i + 1}: &l${i + 1} [${Array(10).fill(`*l${i}`).join(", ")}]`);
    const file = dir.write("services.yaml", ["l0: &l0 [x, x, x, x, x, x, x, x, x, x]", ...levels, ""].join("\n"));
    expect(catalogError(() => ServiceCatalog.load(file)).message).toBe(
      `${file}: excessive alias count indicates a resource exhaustion attack; write the values out instead of nesting aliases.`,
    );
  });

  it("reports an empty file", () => {
    const file = dir.write("services.yaml", "# nothing yet\n");
    expect(catalogError(() => ServiceCatalog.load(file)).message).toBe(`${file}:1:1: is empty; start it with version: 1 and the list of services.`);
  });

  it("runs the declaration's checks after the schema: a call to a port the callee does not declare", () => {
    const file = dir.write("services.yaml", small("        port: https\n", "        port: grpc\n"));
    expect(catalogError(() => ServiceCatalog.load(file)).message).toBe(
      `${file}:8:15: services[0].calls[0].port: service "web" calls port "grpc" of "api", which declares only "https"; name one of its ports.`,
    );
  });

  it("reports one error for a file with several problems: the deepest", () => {
    const file = dir.write("services.yaml", small("  - name: api\n", "  - name: api\n    color: blue\n").replace("port: 9443", 'port: "9443"'));
    const error = catalogError(() => ServiceCatalog.load(file));
    expect(error.message.split("\n")).toHaveLength(1);
    expect(error.path).toBe("services[1].ports[0].port");
  });

  it("reads the example of docs/service-catalog.md as the platform fixture", () => {
    const doc = fs.readFileSync(path.join(__dirname, "..", "..", "docs", "service-catalog.md"), "utf8");
    const example = /```yaml\n([\s\S]*?)```/.exec(doc)?.[1];
    expect(example).toBeDefined();
    expect(ServiceCatalog.parse(example!, "service-catalog.md.yaml")).toEqual(ServiceCatalog.load(fixture("platform.yaml")));
  });

  it("reads the example blueprint's services, written out as a catalog in either format, as they are", () => {
    const catalog = { version: 1, services: exampleServices };
    const json = dir.write("example.json", `${JSON.stringify(catalog, null, 2)}\n`);
    const yaml = dir.write("example.yaml", stringify(catalog));
    expect(ServiceCatalog.load(json).services).toEqual(exampleServices);
    expect(ServiceCatalog.load(yaml).services).toEqual(exampleServices);
  });

  it("parses text named by a file without reading that file", () => {
    expect(ServiceCatalog.parse(SMALL, path.join(dir.path, "never-written.yaml")).services).toHaveLength(2);
  });
});

describe("CatalogError", () => {
  it("is recognised across copies of the library, and nothing else is", () => {
    expect(CatalogError.isCatalogError(new CatalogError("a.yaml", "problem."))).toBe(true);
    expect(CatalogError.isCatalogError(Object.assign(new Error("x"), { [Symbol.for("zt-blueprint.CatalogError")]: true }))).toBe(true);
    expect(CatalogError.isCatalogError(new Error("a.yaml: problem."))).toBe(false);
    expect(CatalogError.isCatalogError(undefined)).toBe(false);
  });
});

/** Keys of `T` that are not optional. */
type RequiredKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T];

/** Every field of an interface, and its required ones: an interface's new field breaks compilation here until listed. */
interface Fields<T> {
  readonly all: Record<keyof T, true>;
  readonly required: Record<RequiredKeys<T>, true>;
}

const FIELDS: Record<string, Fields<unknown>> = {
  service: {
    all: { name: true, ports: true, runtime: true, calls: true, secrets: true, rotation: true, routes: true, external: true },
    required: { name: true, ports: true, runtime: true },
  } satisfies Fields<ServiceDeclaration>,
  port: { all: { name: true, port: true, protocol: true }, required: { name: true, port: true, protocol: true } } satisfies Fields<ServicePortDeclaration>,
  call: { all: { service: true, port: true, methods: true, paths: true }, required: { service: true, port: true } } satisfies Fields<ServiceCallDeclaration>,
  secret: { all: { name: true, description: true }, required: { name: true } } satisfies Fields<ServiceSecretDeclaration>,
  rotation: {
    all: { lambdaArn: true, lambdaRoleArn: true, scheduleDays: true },
    required: { lambdaArn: true, lambdaRoleArn: true },
  } satisfies Fields<ServiceRotationDeclaration>,
  ec2Runtime: {
    all: { kind: true, amiId: true, instanceType: true, tier: true, minSize: true, maxSize: true },
    required: { kind: true, amiId: true },
  } satisfies Fields<Ec2RuntimeDeclaration>,
  kubernetesRuntime: {
    all: { kind: true, image: true, namespace: true, replicas: true, runAsUser: true, cpu: true, memory: true, env: true, readinessPath: true },
    required: { kind: true, image: true },
  } satisfies Fields<KubernetesRuntimeDeclaration>,
  external: {
    all: { name: true, port: true, protocol: true, cidrs: true, hosts: true, reason: true },
    required: { name: true, port: true, reason: true },
  } satisfies Fields<ExternalDestinationDeclaration>,
  route: {
    all: { method: true, path: true, port: true, authorizer: true, scopes: true, requiredParameters: true },
    required: { method: true, path: true, port: true, authorizer: true },
  } satisfies Fields<ServiceRouteDeclaration>,
  anonymous: { all: { none: true, reason: true }, required: { none: true, reason: true } } satisfies Fields<AnonymousRouteDeclaration>,
};

const RUNTIME_KINDS: Record<ServiceRuntimeDeclaration["kind"], true> = { ec2: true, kubernetes: true };
const TIERS: Record<NonNullable<Ec2RuntimeDeclaration["tier"]>, true> = { private: true, isolated: true };
const EXTERNAL_PROTOCOLS: Record<NonNullable<ExternalDestinationDeclaration["protocol"]>, true> = { tcp: true, udp: true };

const definitions = CATALOG_SCHEMA.definitions as Record<string, JsonSchema>;
const propertiesOf = (schema: JsonSchema) => schema.properties as Record<string, JsonSchema>;

describe("catalog schema", () => {
  it("is published as docs/service-catalog.schema.json", () => {
    const text = `${JSON.stringify(CATALOG_SCHEMA, null, 2)}\n`;
    if (process.env.UPDATE_SCHEMA === "1") fs.writeFileSync(PUBLISHED_SCHEMA, text);
    const published = fs.existsSync(PUBLISHED_SCHEMA) ? fs.readFileSync(PUBLISHED_SCHEMA, "utf8") : "";
    if (published !== text) {
      throw new Error(`docs/service-catalog.schema.json is not the schema in constructs/service/catalog-schema.ts; regenerate it with: ${REGENERATE}`);
    }
    expect(JSON.parse(published).$id).toBe(CATALOG_SCHEMA_ID);
  });

  it("is a valid draft-07 schema", () => {
    const ajv = new Ajv({ discriminator: true });
    expect(ajv.validateSchema(CATALOG_SCHEMA)).toBe(true);
    expect(CATALOG_SCHEMA.$schema).toBe("http://json-schema.org/draft-07/schema#");
  });

  it("works for validators that do not know ajv's discriminator keyword (editors)", () => {
    const plain = new Ajv({ strict: false }).compile(JSON.parse(fs.readFileSync(PUBLISHED_SCHEMA, "utf8")));
    const catalog = JSON.parse(fs.readFileSync(fixture("platform.json"), "utf8"));
    expect(plain(catalog)).toBe(true);
    catalog.services[3].runtime.kind = "kubernetes";
    expect(plain(catalog)).toBe(false);
  });

  it("has the fields of the declaration's interfaces, and requires the ones they require", () => {
    for (const [name, fields] of Object.entries(FIELDS)) {
      const schema = definitions[name];
      expect({ name, fields: Object.keys(propertiesOf(schema)).sort() }).toEqual({ name, fields: Object.keys(fields.all as object).sort() });
      expect({ name, required: [...(schema.required as string[])].sort() }).toEqual({ name, required: Object.keys(fields.required as object).sort() });
      expect(schema.additionalProperties).toBe(false);
    }
    expect(Object.keys(definitions).sort()).toEqual(Object.keys(FIELDS).sort());
  });

  it("has the declaration's enum values", () => {
    expect(propertiesOf(definitions.port).protocol.enum).toEqual([...SERVICE_PORT_PROTOCOLS]);
    expect([...(propertiesOf(definitions.ec2Runtime).tier.enum as string[])].sort()).toEqual(Object.keys(TIERS).sort());
    expect([...(propertiesOf(definitions.external).protocol.enum as string[])].sort()).toEqual(Object.keys(EXTERNAL_PROTOCOLS).sort());
    const runtime = propertiesOf(definitions.service).runtime;
    expect(propertiesOf(runtime).kind.enum).toEqual(Object.keys(RUNTIME_KINDS));
    expect(runtime.oneOf).toEqual(Object.keys(RUNTIME_KINDS).map((kind) => ({ $ref: `#/definitions/${kind}Runtime` })));
  });

  /** The first service of `c` with one anonymous route to its first port. */
  const withRoute = (c: { services: ServiceDeclaration[] }): ServiceDeclaration => {
    const first = c.services[0] as { -readonly [K in keyof ServiceDeclaration]: ServiceDeclaration[K] };
    first.routes ??= [{ method: "GET", path: "/status", port: first.ports[0].name, authorizer: { none: true, reason: "the status page is public" } }];
    return first;
  };

  it("has a fix of its own for every missing required field", () => {
    const instances: Record<string, (catalog: { services: ServiceDeclaration[] }) => object> = {
      catalog: (c) => c,
      service: (c) => c.services[0],
      port: (c) => c.services[0].ports[0],
      call: (c) => c.services[0].calls![0],
      secret: (c) => c.services[1].secrets![0],
      rotation: (c) => c.services[1].rotation!,
      ec2Runtime: (c) => c.services[0].runtime,
      kubernetesRuntime: (c) => {
        const last = c.services[3] as { runtime: ServiceDeclaration["runtime"] };
        last.runtime = { kind: "kubernetes", image: `registry.example.com/ledger@sha256:${"a".repeat(64)}` };
        return last.runtime;
      },
      external: (c) => c.services[2].external![0],
      route: (c) => withRoute(c).routes![0],
      anonymous: (c) => withRoute(c).routes![0].authorizer as object,
    };
    expect(Object.keys(instances).sort()).toEqual(["catalog", ...Object.keys(definitions)].sort());
    const fixes: string[] = [];
    for (const [name, instance] of Object.entries(instances)) {
      const schema = name === "catalog" ? CATALOG_SCHEMA : definitions[name];
      for (const field of schema.required as string[]) {
        const catalog = JSON.parse(fs.readFileSync(fixture("platform.json"), "utf8"));
        delete (instance(catalog) as Record<string, unknown>)[field];
        fixes.push(catalogError(() => ServiceCatalog.parse(JSON.stringify(catalog), `${name}.json`)).problem);
      }
    }
    expect(fixes.filter((fix) => !/^missing "\w+"; add /.test(fix) || fix.includes("add it:"))).toEqual([]);
  });

  it("describes every field, for editors", () => {
    const undescribed: string[] = [];
    const visit = (schema: JsonSchema, at: string) => {
      for (const [key, property] of Object.entries((schema.properties ?? {}) as Record<string, JsonSchema>)) {
        if (typeof property.description !== "string" || property.description.length < 5) undescribed.push(`${at}.${key}`);
      }
    };
    visit(CATALOG_SCHEMA, "catalog");
    for (const [name, schema] of Object.entries(definitions)) visit(schema, name);
    visit(propertiesOf(definitions.service).runtime, "service.runtime");
    expect(undescribed).toEqual([]);
  });
});
