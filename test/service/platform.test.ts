import * as fs from "fs";
import * as path from "path";
import { App, TerraformStack, Testing } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { SegmentedNetwork } from "../../constructs/network";
import { CatalogError, ServiceCatalog, ServiceDeclaration, ServicePlatform, ServicePlatformProps } from "../../constructs/service";
import { ADMIN, threeServices } from "./fixtures";
import { GraphDocument, parseGraphDocument } from "../../policies/shared/service-graph";
import { platformConfig } from "../../stacks/config";
import { PlatformStack } from "../../stacks/platform-stack";
import { expectInvalid } from "../core/validation-error";
import { ACCOUNT, REGION, newStack, ofType, packVerdict, parsePolicy, statement } from "../identity/harness";
import { tempFolder } from "../support/temp-folder";
import { synthModel } from "../support/rules";
import { evaluate } from "../../policies/engine/evaluate";
import { zeroTrustPack } from "../../policies/packs";

function networkIn(stack: TerraformStack, natGateways: "none" | "single" = "single") {
  return new SegmentedNetwork(stack, "network", {
    name: "net",
    cidr: "10.0.0.0/16",
    region: REGION,
    accountId: ACCOUNT,
    availabilityZones: ["eu-west-1a", "eu-west-1b"],
    tiers: { public: { enabled: natGateways !== "none" } },
    natGateways,
  });
}

function platform(services: ServiceDeclaration[], extra: Partial<ServicePlatformProps> = {}, natGateways: "none" | "single" = "single") {
  const stack = newStack();
  const network = networkIn(stack, natGateways);
  const built = new ServicePlatform(stack, "services", { network, adminRoleArns: [ADMIN], services, ...extra });
  return { stack, network, platform: built };
}

/** `[group of, peer, protocol, from, to]` of the rules of `type` whose construct path is under the platform. */
function rules(stack: TerraformStack, type: string, peer: string) {
  return Object.entries(ofType(stack, type))
    .filter(([name]) => name.startsWith("services_"))
    .map(([name, r]) => [name.split("_")[1], r[peer] ?? r.cidr_ipv4 ?? r.prefix_list_id, r.ip_protocol, r.from_port, r.to_port] as const);
}

const group = (service: string) => expect.stringMatching(new RegExp(`^\\$\\{aws_security_group\\.services_${service}_hosts_firewall_group_\\w+\\.id\\}$`));

describe("ServicePlatform", () => {
  const { stack, platform: built } = platform(threeServices());

  test("each service gets an EC2 identity, its own secrets and a host group in its tier", () => {
    expect([...built.services.keys()]).toEqual(["web", "api", "db"]);
    expect(built.service("api").identity.trust).toEqual({ kind: "ec2" });
    expect(built.service("api").secrets!.secrets.map((s) => s.secretName)).toEqual(["api/db-password"]);
    expect(built.service("web").secrets).toBeUndefined();
    expect(built.service("db").hosts!.subnetTier).toBe("isolated");
    expect(built.service("web").hosts!.subnetTier).toBe("private");
    expect(Object.keys(ofType(stack, "aws_autoscaling_group"))).toHaveLength(3);
    const api = Object.entries(ofType(stack, "aws_iam_role_policy")).find(([name]) => name.startsWith("services_api_identity_grants"))![1];
    expect([statement(api.policy, "ReadApiSecrets").Resource].flat()).toEqual([expect.stringMatching(/^\$\{aws_secretsmanager_secret\.services_api_secrets_db-password_secret_\w+\.arn\}$/)]);
  });

  test("every declared call is an egress rule on the caller and an ingress rule on the callee, on the callee's port only", () => {
    const ingress = rules(stack, "aws_vpc_security_group_ingress_rule", "referenced_security_group_id");
    expect(ingress).toEqual([
      ["api", group("web"), "tcp", 8443, 8443],
      ["db", group("api"), "tcp", 5432, 5432],
    ]);
    const egress = rules(stack, "aws_vpc_security_group_egress_rule", "referenced_security_group_id").filter(([, peer]) => String(peer).includes("services_"));
    expect(egress).toEqual([
      ["api", group("db"), "tcp", 5432, 5432],
      ["web", group("api"), "tcp", 8443, 8443],
    ]);
  });

  test("platform paths are added for every service: HTTPS to the interface endpoints and to S3", () => {
    const egress = rules(stack, "aws_vpc_security_group_egress_rule", "referenced_security_group_id").filter(([, peer]) => !String(peer).includes("services_"));
    for (const service of ["web", "api", "db"]) {
      expect(egress.filter(([owner]) => owner === service)).toEqual([
        [service, expect.stringMatching(/^\$\{aws_vpc_endpoint\.network_endpoints_gateway-s3_\w+\.prefix_list_id\}$/), "tcp", 443, 443],
        [service, expect.stringMatching(/^\$\{aws_security_group\.network_endpoints_security-group_\w+\.id\}$/), "tcp", 443, 443],
      ]);
    }
  });

  test("the declared graph is written into the stack as terraform_data.ztb_service_graph", () => {
    const json = JSON.parse(Testing.synth(stack));
    const carrier = json.resource.terraform_data.ztb_service_graph;
    const doc = parseGraphDocument(carrier.input) as GraphDocument;
    expect(doc).toEqual(built.graph);
    expect(doc.edges.map((e) => `${e.kind} ${e.from} -> ${e.to} ${e.protocol}/${e.port}`)).toEqual([
      "service web -> api tcp/8443",
      "platform web -> platform:vpc-endpoints tcp/443",
      "platform web -> platform:s3 tcp/443",
      "service api -> db tcp/5432",
      "platform api -> platform:vpc-endpoints tcp/443",
      "platform api -> platform:s3 tcp/443",
      "platform db -> platform:vpc-endpoints tcp/443",
      "platform db -> platform:s3 tcp/443",
    ]);
    expect(doc.edges[0]).toMatchObject({ name: "https", methods: ["GET"] });
    expect(doc.services.map((s) => [s.name, s.runtime])).toEqual([
      ["web", { kind: "ec2", tier: "private" }],
      ["api", { kind: "ec2", tier: "private" }],
      ["db", { kind: "ec2", tier: "isolated" }],
    ]);
  });

  const out = tempFolder("ztb-platform-", "test");
  test("the declared graph is also written beside cdk.tf.json as service-graph.json", () => {
    const outdir = out.path;
    const app = new App({ outdir });
    const s = new TerraformStack(app, "shop");
    new AwsProvider(s, "aws", { region: REGION });
    const network = networkIn(s);
    const p = new ServicePlatform(s, "services", { network, adminRoleArns: [ADMIN], services: threeServices() });
    app.synth();
    const file = path.join(outdir, "stacks", "shop", "service-graph.json");
    expect(JSON.parse(fs.readFileSync(file, "utf8"))).toEqual(p.graph);
  });

  test("the platform adds no unsuppressed finding", () => {
    const verdict = packVerdict(stack);
    expect(verdict.unsuppressed).toEqual([]);
    expect(verdict.evaluated).toBeGreaterThan(0);
  });

  test("a rule added by hand that the declaration does not hold fails the pack, naming both services and the port", () => {
    const { stack: s, platform: p } = platform(threeServices());
    new VpcSecurityGroupIngressRule(s, "db-from-web", {
      securityGroupId: p.service("db").hosts!.securityGroupId,
      referencedSecurityGroupId: p.service("web").hosts!.securityGroupId,
      ipProtocol: "tcp",
      fromPort: 5432,
      toPort: 5432,
    });
    expect(packVerdict(s).unsuppressed).toEqual([
      "ZT-GRAPH-001[web->db:tcp:5432] fail aws_vpc_security_group_ingress_rule.db-from-web: aws_vpc_security_group_ingress_rule.db-from-web allows web -> db on TCP 5432, which the service graph does not declare",
    ]);
  });

  test("service() names the closest service when there is none", () => {
    expectInvalid(() => built.service("wbe"), "name", 'ServicePlatform "services": has no service "wbe"; did you mean "web"?');
    expectInvalid(() => built.service("api").port("grpc"), "name", 'declares no port "grpc" (its ports: "https")');
  });
});

describe("external destinations", () => {
  const withPsp = (cidrs?: string[]): ServiceDeclaration[] => {
    const [web, api, db] = threeServices();
    return [web, { ...api, external: [{ name: "psp", port: 443, cidrs, reason: "card payments go to the provider's public API" }] }, db];
  };

  test("with address blocks: an egress rule per block, on the declared port only", () => {
    const { stack, platform: p } = platform(withPsp(["198.51.100.0/24"]));
    expect(rules(stack, "aws_vpc_security_group_egress_rule", "referenced_security_group_id").filter(([, peer]) => peer === "198.51.100.0/24")).toEqual([
      ["api", "198.51.100.0/24", "tcp", 443, 443],
    ]);
    expect(p.graph.edges.filter((e) => e.kind === "external")).toEqual([{ from: "api", to: "cidr:198.51.100.0/24", protocol: "tcp", port: 443, kind: "external", name: "psp" }]);
    expect(packVerdict(stack).unsuppressed).toEqual([]);
  });

  test("without address blocks: egress to the internet on the port, recorded as a suppression with the declared reason", () => {
    const { stack, platform: p } = platform(withPsp());
    expect(rules(stack, "aws_vpc_security_group_egress_rule", "referenced_security_group_id").filter(([, peer]) => peer === "0.0.0.0/0")).toEqual([["api", "0.0.0.0/0", "tcp", 443, 443]]);
    expect(p.graph.edges.filter((e) => e.kind === "external").map((e) => e.to)).toEqual(["internet"]);
    const verdict = packVerdict(stack);
    expect(verdict.unsuppressed).toEqual([]);
    expect(verdict.suppressed).toEqual([expect.stringMatching(/^ZT-NET-014 aws_vpc_security_group_egress_rule\.services_api_hosts_firewall_egress-tcp-443-to-internet_\w+$/)]);
    const report = evaluate(synthModel(stack), zeroTrustPack.rules);
    expect(report.findings.filter((f) => f.suppressed).map((f) => f.suppressionReason)).toEqual([
      'services[1].external[0] (psp) on HardenedHost "hosts": service "api" declares the external destination "psp" without address blocks: card payments go to the provider\'s public API',
    ]);
  });

  test("a service in the isolated tier, or a network without NAT, cannot declare one", () => {
    const [web, api, db] = withPsp(["198.51.100.0/24"]);
    expectInvalid(() => platform([web, api, { ...db, external: api.external }]), "services[2].external[0]", 'service "db" cannot reach the external destination "psp": the isolated tier has no route to the internet; run the service in the private tier.');
    expectInvalid(() => platform([web, api, db], {}, "none"), "services[1].external[0]", "the network has no NAT gateways; set natGateways on the network.");
    expectInvalid(
      () => platform([web, { ...api, external: [{ ...api.external![0], port: 8080 }] }, db]),
      "services[1].external[0]",
      "the private tier's network ACL lets only TCP 443 out to the internet, not TCP 8080; add the port to the network's internetEgressPorts.",
    );
    expectInvalid(() => platform([web, { ...api, external: [{ ...api.external![0], cidrs: ["0.0.0.0/0"] }] }, db]), "services[1].external[0].cidrs[0]", "is the whole internet; leave cidrs out");
  });
});

describe("ServicePlatform refuses declarations it cannot build safely", () => {
  const [web, api, db] = threeServices();
  const cases: [string, ServiceDeclaration[], string, string][] = [
    ["an unknown callee, naming the closest service", [{ ...web, calls: [{ service: "apu", port: "https" }] }, api, db], "services[0].calls[0]", 'service "web" (services[0].calls[0]) calls "apu", which is not a service of the platform; did you mean "api"?'],
    ["a duplicate name", [web, api, { ...db, name: "api" }], "services[2].name", "is declared twice (services[1] and services[2])"],
    ["a call to a port the callee does not declare", [{ ...web, calls: [{ service: "api", port: "grpc" }] }, api, db], "services[0].calls[0].port", 'calls port "grpc" of "api", which declares only "https"'],
    ["a self-call", [{ ...web, calls: [{ service: "web", port: "https" }] }, api, db], "services[0].calls[0]", "calls itself"],
    ["methods on a TCP port", [web, { ...api, calls: [{ service: "db", port: "postgres", methods: ["GET"] }] }, db], "services[1].calls[0].methods", "but that port is TCP, where no layer can enforce them"],
    ["paths on a TCP port", [web, { ...api, calls: [{ service: "db", port: "postgres", paths: ["/"] }] }, db], "services[1].calls[0].paths", "but that port is TCP"],
    ["secrets without rotation", [web, { ...api, rotation: undefined }, db], "services[1].rotation", "has secrets but no rotation"],
    ["a caller whose tier cannot reach the callee's", [web, api, { ...db, calls: [{ service: "api", port: "https" }] }], "services[2].calls[0]", 'service "db" (isolated tier) cannot reach "api" (private tier) on TCP 8443: the isolated tier starts no connection to the private tier'],
    [
      "a data-tier port the network ACLs do not open",
      [web, api, { ...db, ports: [{ name: "postgres", port: 15432, protocol: "tcp" }] }],
      "services[1].calls[0]",
      "the isolated tier admits only TCP 5432, 3306, 6379, 443 from the private tier, not TCP 15432; add the port to the network's dataPorts",
    ],
  ];
  test.each(cases)("%s", (_, services, prop, message) => {
    expectInvalid(() => platform(services), prop, message);
  });

  test("one problem is thrown, and the count of the others is named", () => {
    expectInvalid(() => platform([{ ...web, calls: [{ service: "nope", port: "https" }] }, { ...api, name: "web" }, db]), "services[1].name", "(1 more problem after this one)");
  });

  test("a second platform in one stack is refused", () => {
    const { stack, network } = platform(threeServices());
    expectInvalid(() => new ServicePlatform(stack, "more", { network, adminRoleArns: [ADMIN], services: [db] }), "scope", "the stack already has a ServicePlatform");
  });
});

describe("the example platform", () => {
  const stack = new PlatformStack(Testing.app(), "zt-platform", platformConfig);
  const p = stack.platform!;

  test("declares seven services, two of them on the cluster, with one edge-facing caller and a data-tier service reached by exactly one caller", () => {
    expect([...p.services.keys()]).toEqual(["storefront", "catalog", "orders", "payments", "ledger", "fulfilment", "shipping"]);
    const callers = (service: string) => p.graph.edges.filter((e) => e.kind === "service" && e.to === service).map((e) => e.from);
    expect(callers("ledger")).toEqual(["payments"]);
    expect(callers("storefront")).toEqual([]);
    expect(callers("orders")).toEqual(["storefront", "fulfilment"]);
    expect(callers("shipping")).toEqual(["fulfilment"]);
    expect(p.service("ledger").hosts!.subnetTier).toBe("isolated");
    expect(p.kubernetes!.workloads.map((w) => `${w.namespace}/${w.service}`)).toEqual(["fulfilment/fulfilment", "fulfilment/shipping"]);
  });

  test("every service key admits only its own role, through Secrets Manager", () => {
    const keys = Object.entries(ofType(stack, "aws_kms_key")).filter(([n]) => n.includes("_secrets_key_"));
    expect(keys.map(([n]) => n.split("_")[1])).toEqual(["ledger", "orders", "payments", "shipping", "storefront"]);
    for (const [name, key] of keys) {
      const service = name.split("_")[1];
      expect(statement(key.policy, "DecryptThroughSecretsmanager").Principal).toEqual({ AWS: expect.stringMatching(new RegExp(`^\\$\\{aws_iam_role\\.services_${service}_identity_role_`)) });
      expect(parsePolicy(key.policy).Statement.map((s) => s.Sid)).toContain("RotationRolesThroughSecretsmanager");
    }
  });
});

describe("a platform built from a catalog file", () => {
  const out = tempFolder("ztb-catalog-app-", "test");
  const fixture = (name: string) => path.join(__dirname, "fixtures", "catalog", name);

  test("the example's catalog, stacks/services.yaml, is what the example platform declares", () => {
    expect(ServiceCatalog.load(path.join(__dirname, "..", "..", "stacks", "services.yaml")).services).toEqual(platformConfig.services!.services);
  });

  test.each(["unknown-callee.yaml", "wrong-type.yaml", "missing-field.yaml", "syntax-error.yaml", "duplicate-key.json"])("%s: one CatalogError naming the file, and nothing synthesized", (name) => {
    const app = new App({ outdir: out.path });
    const s = new TerraformStack(app, "shop");
    new AwsProvider(s, "aws", { region: REGION });
    const network = networkIn(s);
    let thrown: unknown;
    try {
      new ServicePlatform(s, "services", { network, adminRoleArns: [ADMIN], ...ServiceCatalog.load(fixture(name)) });
      app.synth();
    } catch (e) {
      thrown = e;
    }
    expect(CatalogError.isCatalogError(thrown)).toBe(true);
    expect((thrown as CatalogError).message.split("\n")).toHaveLength(1);
    expect((thrown as CatalogError).message.startsWith(`${fixture(name)}:`)).toBe(true);
    // cdktf makes the output folders when the app is created; no file is written in them.
    expect(fs.readdirSync(out.path, { recursive: true, withFileTypes: true }).filter((e) => e.isFile())).toEqual([]);
  });
});

