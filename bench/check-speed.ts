/**
 * Speed of `ztb check` on a large synthesized configuration.
 *
 *   node -r ts-node/register/transpile-only bench/check-speed.ts [--resources 10000] [--warmup 10] [--runs 15]
 *     [--profile] [--floor]
 *
 * Generates a Terraform JSON configuration with a realistic mix of resources that reference each other, writes it
 * to bench/out/, and compares the median time of JSON.parse on the file with the median time of a full check as
 * `ztb check --format json` runs it (read + parse + load + every rule of the zero-trust pack + JSON report and the
 * exit-code verdict; only writing the report out is left out). Parse and check alternate in one process; the
 * medians are taken after warm-up runs, once V8 has optimized the rule code, and the warm-up runs are reported too:
 * the first check of the process, and runs 3 to 9.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { evaluate } from "../policies/engine/evaluate";
import { loadInputs } from "../policies/engine/input";
import { Report, Rule } from "../policies/engine/types";
import { zeroTrustPack } from "../policies/packs";
import { formatReport } from "../policies/reporters";
import { verdictOf } from "../policies/engine/verdict";
import { summaryLine } from "../policies/reporters/summary";

type Body = Record<string, unknown>;

class ConfigBuilder {
  readonly resource: Record<string, Record<string, Body>> = {};
  readonly data: Record<string, Record<string, Body>> = {};
  count = 0;

  add(type: string, name: string, body: Body, data = false): string {
    const group = data ? this.data : this.resource;
    group[type] ??= {};
    group[type][name] = { "//": { metadata: { path: `bench/${type}/${name}`, uniqueId: name } }, ...body };
    this.count++;
    return data ? `data.${type}.${name}` : `${type}.${name}`;
  }
}

function policy(statements: unknown[]): string {
  return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}

/** About 40 resources of an application unit: network, hosts, identity, secrets, logs, load balancer, workloads. */
function addUnit(b: ConfigBuilder, i: number, vpc: string, subnets: string[]): void {
  const u = `u${i}`;
  const subnet = subnets[i % subnets.length];
  const kms = b.add("aws_kms_key", `${u}_key`, {
    description: `unit ${i}`,
    enable_key_rotation: i % 7 !== 0,
    deletion_window_in_days: i % 11 === 0 ? 7 : 30,
    policy: policy([
      { Sid: "Root", Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "kms:*", Resource: "*" },
      {
        Sid: "Use",
        Effect: "Allow",
        Principal: { AWS: `\${aws_iam_role.${u}_role.arn}` },
        Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
        Resource: "*",
        Condition: { StringEquals: { "kms:ViaService": "secretsmanager.eu-west-1.amazonaws.com" } },
      },
    ]),
    tags: { unit: u, env: "bench" },
  });
  b.add("aws_kms_alias", `${u}_alias`, { name: `alias/${u}`, target_key_id: `\${${kms}.key_id}` });
  const sg = b.add("aws_security_group", `${u}_sg`, {
    name: `${u}-sg`,
    vpc_id: `\${${vpc}.id}`,
    ingress: [
      {
        from_port: 443,
        to_port: 443,
        protocol: "tcp",
        cidr_blocks: ["10.0.0.0/8"],
        ipv6_cidr_blocks: [],
        prefix_list_ids: [],
        security_groups: [],
        self: false,
        description: "https",
      },
      {
        from_port: i % 13 === 0 ? 22 : 8443,
        to_port: i % 13 === 0 ? 22 : 8443,
        protocol: "tcp",
        cidr_blocks: [i % 13 === 0 ? "0.0.0.0/0" : "10.1.0.0/16"],
        ipv6_cidr_blocks: [],
        prefix_list_ids: [],
        security_groups: [],
        self: false,
        description: "admin",
      },
    ],
    egress: [
      { from_port: 443, to_port: 443, protocol: "tcp", cidr_blocks: ["0.0.0.0/0"], ipv6_cidr_blocks: [], prefix_list_ids: [], security_groups: [], self: false, description: "out" },
    ],
    tags: { unit: u },
  });
  const peer = b.add("aws_security_group", `${u}_db_sg`, { name: `${u}-db`, vpc_id: `\${${vpc}.id}`, tags: { unit: u } });
  b.add("aws_security_group_rule", `${u}_db_in`, {
    type: "ingress",
    from_port: 5432,
    to_port: 5432,
    protocol: "tcp",
    security_group_id: `\${${peer}.id}`,
    source_security_group_id: `\${${sg}.id}`,
  });
  b.add("aws_security_group_rule", `${u}_db_out`, {
    type: "egress",
    from_port: 0,
    to_port: 0,
    protocol: "-1",
    security_group_id: `\${${peer}.id}`,
    cidr_blocks: [i % 5 === 0 ? "0.0.0.0/0" : "10.0.0.0/8"],
  });
  b.add("aws_vpc_security_group_ingress_rule", `${u}_lb_in`, {
    security_group_id: `\${${sg}.id}`,
    cidr_ipv4: i % 17 === 0 ? "0.0.0.0/0" : "10.0.0.0/8",
    from_port: 3306,
    to_port: 3306,
    ip_protocol: "tcp",
  });
  const role = b.add("aws_iam_role", `${u}_role`, {
    name: `${u}-role`,
    assume_role_policy: policy([{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }]),
    max_session_duration: i % 9 === 0 ? 43200 : 3600,
    tags: { unit: u },
  });
  const doc = b.add(
    "aws_iam_policy_document",
    `${u}_doc`,
    {
      statement: [
        { effect: "Allow", actions: ["s3:GetObject", "s3:ListBucket"], resources: [`arn:aws:s3:::bucket-${u}`, `arn:aws:s3:::bucket-${u}/*`] },
        { effect: "Allow", actions: i % 10 === 0 ? ["s3:*"] : ["secretsmanager:GetSecretValue"], resources: [`\${aws_secretsmanager_secret.${u}_secret.arn}`] },
      ],
    },
    true,
  );
  const pol = b.add("aws_iam_policy", `${u}_policy`, {
    name: `${u}-policy`,
    policy: i % 2 === 0 ? `\${${doc}.json}` : policy([
      { Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: `\${aws_cloudwatch_log_group.${u}_logs.arn}:*` },
      { Effect: "Allow", Action: i % 15 === 0 ? "*" : "kms:Decrypt", Resource: `\${${kms}.arn}` },
    ]),
  });
  b.add("aws_iam_role_policy_attachment", `${u}_attach`, { role: `\${${role}.name}`, policy_arn: `\${${pol}.arn}` });
  b.add("aws_iam_role_policy", `${u}_inline`, {
    role: `\${${role}.id}`,
    policy: policy([{ Effect: "Allow", Action: i % 20 === 0 ? "iam:PassRole" : "sqs:SendMessage", Resource: i % 20 === 0 ? "*" : `arn:aws:sqs:eu-west-1:123456789012:${u}` }]),
  });
  const profile = b.add("aws_iam_instance_profile", `${u}_profile`, { name: `${u}-profile`, role: `\${${role}.name}` });
  const lt = b.add("aws_launch_template", `${u}_lt`, {
    name_prefix: `${u}-`,
    image_id: "ami-0123456789abcdef0",
    instance_type: "t3.micro",
    vpc_security_group_ids: [`\${${sg}.id}`],
    iam_instance_profile: { arn: `\${${profile}.arn}` },
    metadata_options: i % 6 === 0 ? { http_tokens: "optional" } : { http_tokens: "required", http_put_response_hop_limit: 1, http_endpoint: "enabled" },
    block_device_mappings: [{ device_name: "/dev/xvda", ebs: { volume_size: 20, encrypted: "true", kms_key_id: `\${${kms}.arn}` } }],
    monitoring: { enabled: true },
  });
  b.add("aws_autoscaling_group", `${u}_asg`, {
    min_size: 1,
    max_size: 3,
    vpc_zone_identifier: [`\${${subnet}.id}`],
    launch_template: { id: `\${${lt}.id}`, version: i % 4 === 0 ? "$Latest" : `\${${lt}.latest_version}` },
  });
  b.add("aws_instance", `${u}_host`, {
    ami: "ami-0123456789abcdef0",
    instance_type: "t3.small",
    subnet_id: `\${${subnet}.id}`,
    vpc_security_group_ids: [`\${${sg}.id}`],
    iam_instance_profile: `\${${profile}.name}`,
    associate_public_ip_address: i % 8 === 0,
    monitoring: true,
    metadata_options: i % 3 === 0 ? undefined : { http_tokens: "required", http_put_response_hop_limit: 2 },
    root_block_device: { encrypted: true, kms_key_id: `\${${kms}.arn}`, volume_size: 30 },
    key_name: i % 12 === 0 ? "legacy" : undefined,
    tags: { unit: u, Name: u },
  });
  b.add("aws_ebs_volume", `${u}_data`, { availability_zone: "eu-west-1a", size: 100, encrypted: i % 9 !== 0, kms_key_id: `\${${kms}.arn}` });
  const secret = b.add("aws_secretsmanager_secret", `${u}_secret`, {
    name: `${u}/db`,
    kms_key_id: i % 4 === 0 ? undefined : `\${${kms}.arn}`,
    recovery_window_in_days: 30,
  });
  b.add("aws_secretsmanager_secret_rotation", `${u}_rotation`, {
    secret_id: `\${${secret}.id}`,
    rotation_lambda_arn: "arn:aws:lambda:eu-west-1:123456789012:function:rotate",
    rotation_rules: { automatically_after_days: 30 },
  });
  b.add("aws_secretsmanager_secret_policy", `${u}_secret_policy`, {
    secret_arn: `\${${secret}.arn}`,
    policy: policy([{ Effect: "Allow", Principal: { AWS: `\${${role}.arn}` }, Action: "secretsmanager:GetSecretValue", Resource: "*" }]),
  });
  const pw = b.add("random_password", `${u}_pw`, { length: 32, special: true });
  b.add("aws_secretsmanager_secret_version", `${u}_secret_v`, { secret_id: `\${${secret}.id}`, secret_string: `\${${pw}.result}` });
  b.add("aws_cloudwatch_log_group", `${u}_logs`, {
    name: `/app/${u}`,
    retention_in_days: i % 5 === 0 ? 7 : 365,
    kms_key_id: i % 3 === 0 ? undefined : `\${${kms}.arn}`,
  });
  const lb = b.add("aws_lb", `${u}_lb`, {
    name: `${u}-lb`,
    internal: i % 2 === 0,
    load_balancer_type: "application",
    security_groups: [`\${${sg}.id}`],
    subnets: subnets.slice(0, 2).map((s) => `\${${s}.id}`),
    drop_invalid_header_fields: true,
    enable_deletion_protection: i % 3 !== 0,
    access_logs: { bucket: "central-logs", enabled: i % 4 !== 0 },
  });
  b.add("aws_lb_listener", `${u}_https`, {
    load_balancer_arn: `\${${lb}.arn}`,
    port: 443,
    protocol: "HTTPS",
    ssl_policy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
    certificate_arn: "arn:aws:acm:eu-west-1:123456789012:certificate/abc",
    default_action: [{ type: "forward", target_group_arn: `\${aws_lb_target_group.${u}_tg.arn}` }],
  });
  b.add("aws_lb_target_group", `${u}_tg`, { name: `${u}-tg`, port: 8443, protocol: "HTTPS", vpc_id: `\${${vpc}.id}` });
  const ns = b.add("kubernetes_namespace_v1", `${u}_ns`, {
    metadata: { name: u, labels: { "pod-security.kubernetes.io/enforce": i % 3 === 0 ? "baseline" : "restricted", "istio-injection": "enabled" } },
  });
  b.add("kubernetes_network_policy_v1", `${u}_deny`, {
    metadata: { name: "default-deny", namespace: `\${${ns}.metadata[0].name}` },
    spec: { pod_selector: {}, policy_types: ["Ingress", "Egress"] },
  });
  b.add("kubernetes_service_account_v1", `${u}_sa`, {
    metadata: { name: u, namespace: `\${${ns}.metadata[0].name}` },
    automount_service_account_token: false,
  });
  const container = (name: string, hardened: boolean) => ({
    name,
    image: hardened ? `registry.example.com/${name}@sha256:${"a".repeat(64)}` : `registry.example.com/${name}:latest`,
    port: [{ container_port: 8443 }],
    resources: hardened ? { limits: { cpu: "500m", memory: "256Mi" }, requests: { cpu: "100m", memory: "128Mi" } } : undefined,
    security_context: hardened
      ? {
          run_as_non_root: true,
          allow_privilege_escalation: false,
          read_only_root_filesystem: true,
          privileged: false,
          capabilities: { drop: ["ALL"] },
          seccomp_profile: { type: "RuntimeDefault" },
        }
      : { privileged: i % 50 === 0 },
    env: [{ name: "DB_SECRET", value_from: { secret_key_ref: { name: "db", key: "password" } } }],
  });
  b.add("kubernetes_deployment_v1", `${u}_app`, {
    metadata: { name: u, namespace: `\${${ns}.metadata[0].name}`, labels: { app: u } },
    spec: {
      replicas: "2",
      selector: { match_labels: { app: u } },
      template: {
        metadata: { labels: { app: u } },
        spec: {
          service_account_name: `\${kubernetes_service_account_v1.${u}_sa.metadata[0].name}`,
          automount_service_account_token: false,
          host_network: false,
          init_container: [container("migrate", i % 7 !== 0)],
          container: [container("app", i % 5 !== 0), container("proxy", true)],
        },
      },
    },
  });
  b.add("kubernetes_service_v1", `${u}_svc`, {
    metadata: { name: u, namespace: `\${${ns}.metadata[0].name}` },
    spec: { selector: { app: u }, port: [{ port: 443, target_port: "8443" }], type: "ClusterIP" },
  });
  b.add("kubernetes_manifest", `${u}_peer_auth`, {
    manifest: {
      apiVersion: "security.istio.io/v1beta1",
      kind: "PeerAuthentication",
      metadata: { name: "default", namespace: u },
      spec: { mtls: { mode: i % 10 === 0 ? "PERMISSIVE" : "STRICT" } },
    },
  });
  b.add("kubernetes_manifest", `${u}_authz`, {
    manifest: {
      apiVersion: "security.istio.io/v1beta1",
      kind: "AuthorizationPolicy",
      metadata: { name: "allow-frontend", namespace: u },
      spec: { action: "ALLOW", rules: [{ from: [{ source: { principals: [`cluster.local/ns/frontend/sa/${u}`] } }] }] },
    },
  });
}

/** Shared network: VPCs with subnets, flow logs, NACLs and endpoints, then units until `target` resources. */
function generate(target: number): { config: Record<string, unknown>; count: number } {
  const b = new ConfigBuilder();
  let unit = 0;
  for (let v = 0; b.count < target; v++) {
    const vpc = b.add("aws_vpc", `vpc${v}`, { cidr_block: `10.${v % 256}.0.0/16`, enable_dns_support: true, tags: { Name: `vpc${v}` } });
    if (v % 4 !== 3) {
      const logs = b.add("aws_cloudwatch_log_group", `vpc${v}_flow`, { name: `/vpc/${v}`, retention_in_days: 365, kms_key_id: "${aws_kms_key.u0_key.arn}" });
      b.add("aws_flow_log", `vpc${v}_flow`, {
        vpc_id: `\${${vpc}.id}`,
        traffic_type: v % 5 === 0 ? "ACCEPT" : "ALL",
        log_destination: `\${${logs}.arn}`,
        iam_role_arn: "${aws_iam_role.u0_role.arn}",
      });
    }
    b.add("aws_default_security_group", `vpc${v}_default`, { vpc_id: `\${${vpc}.id}` });
    b.add("aws_network_acl", `vpc${v}_nacl`, {
      vpc_id: `\${${vpc}.id}`,
      ingress: [{ protocol: "tcp", rule_no: 100, action: "allow", cidr_block: v % 6 === 0 ? "0.0.0.0/0" : "10.0.0.0/8", from_port: 22, to_port: 22 }],
    });
    b.add("aws_vpc_endpoint", `vpc${v}_s3`, {
      vpc_id: `\${${vpc}.id}`,
      service_name: "com.amazonaws.eu-west-1.s3",
      policy: policy([{ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::artifacts/*" }]),
    });
    const subnets: string[] = [];
    for (let s = 0; s < 3; s++) {
      subnets.push(
        b.add("aws_subnet", `vpc${v}_s${s}`, {
          vpc_id: `\${${vpc}.id}`,
          cidr_block: `10.${v % 256}.${s}.0/24`,
          availability_zone: `eu-west-1${"abc"[s]}`,
          map_public_ip_on_launch: s === 2,
        }),
      );
    }
    for (let k = 0; k < 5 && b.count < target; k++) addUnit(b, unit++, vpc, subnets);
    if (v % 10 === 0 && b.count < target) {
      b.add("aws_eks_cluster", `eks${v}`, {
        name: `eks${v}`,
        role_arn: "${aws_iam_role.u0_role.arn}",
        vpc_config: { subnet_ids: subnets.map((s) => `\${${s}.id}`), endpoint_public_access: v % 20 === 0, endpoint_private_access: true },
        encryption_config: { provider: { key_arn: "${aws_kms_key.u0_key.arn}" }, resources: ["secrets"] },
        enabled_cluster_log_types: ["api", "audit", "authenticator"],
      });
    }
  }
  // Trim to exactly `target` resources (the last unit may overshoot).
  const out: Record<string, unknown> = {
    "//": { metadata: { backend: "local", stackName: "bench", version: "0.21.0" } },
    terraform: { required_providers: { aws: { source: "aws", version: "5.100.0" }, kubernetes: { source: "hashicorp/kubernetes", version: "2.38.0" } } },
    provider: { aws: [{ region: "eu-west-1" }], kubernetes: [{}] },
    resource: b.resource,
    data: b.data,
  };
  let excess = b.count - target;
  const types = Object.keys(b.resource).reverse();
  for (const t of types) {
    const names = Object.keys(b.resource[t]).reverse();
    for (const n of names) {
      if (excess <= 0) break;
      delete b.resource[t][n];
      excess--;
    }
    if (Object.keys(b.resource[t]).length === 0) delete b.resource[t];
  }
  return { config: JSON.parse(JSON.stringify(out)), count: target };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const cpuTimes: number[] = [];

/** Wall time of `fn` in ms; its CPU time (user + system) is appended to `cpuTimes`. */
function time(fn: () => void): number {
  const c = process.cpuUsage();
  const t = process.hrtime.bigint();
  fn();
  const wall = Number(process.hrtime.bigint() - t) / 1e6;
  const used = process.cpuUsage(c);
  cpuTimes.push((used.user + used.system) / 1000);
  return wall;
}

/** One pair of runs: read + parse alone, then the full check, each with its wall and CPU time. */
interface Pair {
  readonly parse: number;
  readonly check: number;
  readonly parseCpu: number;
  readonly checkCpu: number;
  /** Within the check: load (read + parse + model), evaluate (with the exit verdict), JSON report. */
  readonly phases: readonly [load: number, evaluate: number, report: number];
}

/** Times `count` pairs of (read + parse) and full check, interleaved, in this process. */
function measure(file: string, rules: readonly Rule[], count: number) {
  const pairs: Pair[] = [];
  // Only the last run's report is kept: a report holds its model (the whole parsed input), and one kept from run to
  // run would make every run share the heap with the previous run's data, as no single `ztb check` does.
  let last: { report: Report; verdict: string } | undefined;
  for (let i = 0; i < count; i++) {
    const keep = i === count - 1;
    const parse = time(() => {
      JSON.parse(fs.readFileSync(file, "utf8"));
    });
    const parseCpu = cpuTimes[cpuTimes.length - 1];
    let phases: [number, number, number] = [0, 0, 0];
    const check = time(() => {
      // What `ztb check --format json` does, short of writing the report out.
      const t0 = process.hrtime.bigint();
      const model = loadInputs([file]);
      const t1 = process.hrtime.bigint();
      const report = evaluate(model, rules, { pack: zeroTrustPack.name, packVersion: zeroTrustPack.version });
      const verdict = verdictOf(report);
      const t2 = process.hrtime.bigint();
      const rendered = formatReport(report, "json", { verdict });
      const line = `${verdict.word}: ${summaryLine(report)} (${rendered.length} bytes of JSON)`;
      const t3 = process.hrtime.bigint();
      phases = [Number(t1 - t0) / 1e6, Number(t2 - t1) / 1e6, Number(t3 - t2) / 1e6];
      if (keep) last = { report, verdict: line };
    });
    pairs.push({ parse, check, parseCpu, checkCpu: cpuTimes[cpuTimes.length - 1], phases });
  }
  if (!last) throw new Error("no runs");
  return { pairs, last };
}

/** Medians of a list of pairs: parse, check, their ratio, and the median of the per-pair ratios. */
function summarizePairs(pairs: readonly Pair[]) {
  const parse = median(pairs.map((p) => p.parse));
  const check = median(pairs.map((p) => p.check));
  // Each check runs right after its parse, so the ratio within a pair is less exposed to load on the machine.
  const paired = median(pairs.map((p) => p.check / p.parse));
  return { parse, check, ratio: check / parse, paired };
}

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

/** Writes the generated configuration; the generator's objects are garbage once this returns, not kept alive during the runs. */
function writeConfig(file: string, target: number): void {
  fs.writeFileSync(file, JSON.stringify(generate(target).config, null, 2));
}

function main(): void {
  const target = arg("resources", 10000);
  const warmup = arg("warmup", 10);
  const runs = arg("runs", 15);
  if (!(warmup >= 0 && runs >= 1)) throw new Error("--warmup must be 0 or more and --runs 1 or more");
  const outDir = path.join(__dirname, "out");
  fs.mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, `bench-${target}.tf.json`);
  writeConfig(file, target);
  const size = fs.statSync(file).size;

  // The warm-up runs are measured too: the first pair shows what a check costs in a process that has not run one yet,
  // runs 3 to 9 what it costs while V8 is still optimizing rule code.
  const { pairs: early } = warmup > 0 ? measure(file, zeroTrustPack.rules, warmup) : { pairs: [] };
  const { pairs, last } = measure(file, zeroTrustPack.rules, runs);
  const { verdict } = last;
  const findings = last.report.findings.length;
  const results = last.report.results.length;
  const resources = last.report.resources;
  const { parse, check, ratio, paired } = summarizePairs(pairs);
  const cpu = os.cpus()[0]?.model ?? "unknown CPU";
  console.log(`machine:   ${cpu}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, node ${process.version}, ${os.platform()} ${os.release()}`);
  console.log(`input:     ${path.relative(process.cwd(), file)} (${resources} resources, ${(size / 2 ** 20).toFixed(1)} MiB)`);
  console.log(`rules:     ${zeroTrustPack.rules.length} (pack ${zeroTrustPack.name} v${zeroTrustPack.version}); ${results} results, ${findings} findings`);
  console.log(`runs:      ${runs} after ${warmup} warm-up runs, medians:`);
  console.log(`parse:     ${parse.toFixed(1)} ms   (read + JSON.parse)`);
  console.log(`check:     ${check.toFixed(1)} ms   (read + parse + load + evaluate + JSON report)`);
  const phase = (k: number) => median(pairs.map((p) => p.phases[k])).toFixed(1);
  console.log(`phases:    load ${phase(0)} ms, evaluate ${phase(1)} ms, report ${phase(2)} ms`);
  console.log(`ratio:     ${ratio.toFixed(2)}x parse (target <= 3x)`);
  console.log(`paired:    ${paired.toFixed(2)}x parse (median of the per-run ratios)`);
  const spread = (xs: number[]) => `${Math.min(...xs).toFixed(1)}–${Math.max(...xs).toFixed(1)}`;
  console.log(`spread:    parse ${spread(pairs.map((p) => p.parse))} ms, check ${spread(pairs.map((p) => p.check))} ms (min–max of the ${runs} runs)`);
  console.log(`verdict:   ${verdict}`);
  const pc = median(pairs.map((p) => p.parseCpu));
  const cc = median(pairs.map((p) => p.checkCpu));
  console.log(`cpu time:  parse ${pc.toFixed(1)} ms, check ${cc.toFixed(1)} ms, ratio ${(cc / pc).toFixed(2)}x (user + system; GC threads included)`);
  if (early.length > 0) {
    const first = early[0];
    console.log(`first run: parse ${first.parse.toFixed(1)} ms, check ${first.check.toFixed(1)} ms, ${(first.check / first.parse).toFixed(2)}x (rule code compiled on first use, not optimized)`);
  }
  if (early.length >= 9) {
    const e = summarizePairs(early.slice(2, 9));
    console.log(`runs 3–9:  parse ${e.parse.toFixed(1)} ms, check ${e.check.toFixed(1)} ms, ${e.ratio.toFixed(2)}x, paired ${e.paired.toFixed(2)}x (V8 still optimizing rule code)`);
  }
  console.log(`target:    check <= 3x parse after ${warmup} warm-up runs: ${ratio <= 3 ? "met" : "not met"} (${ratio.toFixed(2)}x, paired ${paired.toFixed(2)}x)`);
  console.log(`rss peak:  ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);

  if (process.argv.includes("--floor")) {
    // The engine alone: the same check with every rule replaced by one that returns, without any work, the outcomes
    // the real rule gave on each resource. What remains is reading, parsing, loading, dispatching, building the
    // results and the report, and the garbage collection all of that causes.
    const recorded = zeroTrustPack.rules.map((rule) => {
      const outcomes: ReturnType<Rule["check"]>[] = [];
      evaluate(loadInputs([file]), [{ ...rule, check: (r, m) => (outcomes.push(rule.check(r, m)), outcomes[outcomes.length - 1]) }]);
      return outcomes;
    });
    const replay: Rule[] = zeroTrustPack.rules.map((rule, k) => {
      let next = 0;
      return { ...rule, check: () => recorded[k][next++ % recorded[k].length] };
    });
    if (warmup > 0) measure(file, replay, warmup);
    const floor = summarizePairs(measure(file, replay, runs).pairs);
    const p = floor.parse;
    const c = floor.check;
    console.log(`\nfloor:     parse ${p.toFixed(1)} ms, check with recorded outcomes ${c.toFixed(1)} ms: ${(c / p).toFixed(2)}x parse (no rule work)`);
  }

  if (process.argv.includes("--profile")) {
    // Each rule's checks timed inside whole runs: one evaluation of the whole pack, with a timer around every call of
    // a rule's check, so a rule that first builds a table shared with later rules (security group rule sets, network
    // policies) carries its cost, as in a real check.
    const spent = new Map<string, number>(zeroTrustPack.rules.map((r) => [r.id, 0]));
    const timed: Rule[] = zeroTrustPack.rules.map((rule) => ({
      ...rule,
      check: (r, m) => {
        const t = process.hrtime.bigint();
        try {
          return rule.check(r, m);
        } finally {
          spent.set(rule.id, (spent.get(rule.id) ?? 0) + Number(process.hrtime.bigint() - t) / 1e6);
        }
      },
    }));
    const times = new Map<string, number[]>(zeroTrustPack.rules.map((r) => [r.id, []]));
    for (let i = 0; i < 3; i++) {
      spent.forEach((_, id) => spent.set(id, 0));
      evaluate(loadInputs([file]), timed);
      spent.forEach((ms, id) => times.get(id)?.push(ms));
    }
    const perRule = zeroTrustPack.rules.map((r) => ({ id: r.id, ms: median(times.get(r.id) ?? []) }));
    console.log("\nslowest rules (time in each rule's checks within whole runs, median of 3):");
    for (const r of perRule.sort((a, b) => b.ms - a.ms).slice(0, 15)) console.log(`  ${r.id.padEnd(12)} ${r.ms.toFixed(1)} ms`);
    console.log(`  (sum of all rules: ${perRule.reduce((s, r) => s + r.ms, 0).toFixed(1)} ms)`);
  }
}

main();
