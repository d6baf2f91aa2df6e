import { Model, Resource } from "../../engine/model";
import { defineRule, fail, pass, unknown } from "../../engine/outcome";
import { expressionValue, isExpression } from "../../engine/references";
import { Outcome, Val } from "../../engine/types";
import { ecsContainers, TASK_DEFINITION_TYPES } from "../compute/_ecs";
import { eachContainer, WORKLOAD_TYPES } from "../kubernetes/_workloads";
import { CREDENTIAL_URL, isNamedSecret, isSecretValue } from "./_secret-values";

export const ztSec012 = defineRule({
  id: "ZT-SEC-012",
  title: "Secret value written into a workload's environment variables",
  severity: "high",
  domain: "secrets",
  rationale:
    "Environment variables are configuration, not secret storage: they are shown in the Lambda and ECS consoles " +
    "and in `kubectl describe`, copied into every task definition revision, logged by crash reporters, and kept " +
    "in Terraform state. A secret written there is readable by everyone who can read the workload's " +
    "configuration, without the secret's own access policy being asked.",
  remediation:
    "Keep the secret in Secrets Manager (the library's ServiceSecrets) and let the workload read it at run time: " +
    "the ECS container `secrets` list (valueFrom the secret ARN), a Kubernetes `env.value_from.secret_key_ref` " +
    "or the Secrets Store CSI driver, or a Lambda that fetches it with the SDK or the parameters and secrets " +
    "extension. Put only the secret's ARN or name in the environment.",
  references: {
    nist800207: ["Tenet 6"],
    nist80053: ["IA-5(7)", "SC-28", "SC-12"],
    checkov: ["CKV_AWS_45"],
  },
  resourceTypes: ["aws_lambda_function", ...TASK_DEFINITION_TYPES, ...WORKLOAD_TYPES],
  check(r, model) {
    if (r.type === "aws_lambda_function") return lambda(r);
    if (r.type === "aws_ecs_task_definition") return ecs(r, model);
    return eachContainer(r, model, (c) => {
      const outcomes: Outcome[] = [];
      const env = c.view.blocks("env");
      for (let i = 0; i < env.length; i++) {
        const name = env[i].str("name");
        if (name === undefined || env[i].has("value_from")) continue;
        const o = judge(name, env[i].get("value"), `Env::${c.name ?? c.index}/${name}`, `${c.label}: `);
        if (o !== undefined) outcomes.push(o);
      }
      return outcomes.length > 0 ? outcomes : pass(c.item);
    });
  },
});

function lambda(r: Resource): Outcome | Outcome[] {
  const vars = r.get("environment.variables");
  if (vars.kind === "unknown") {
    // A plan shows the whole map unknown when one value is: its references still tell a secret's value apart.
    const secret = vars.refs.find(isSecretValue);
    if (secret !== undefined) return fail(`environment.variables takes the secret value ${secret.raw}`, "Env::*");
    return unknown("environment.variables is computed at apply time");
  }
  if (vars.kind === "absent" || vars.value === null || typeof vars.value !== "object") return pass();
  const outcomes: Outcome[] = [];
  for (const [name, raw] of Object.entries(vars.value as Record<string, unknown>)) {
    const o = judge(name, valueOf(raw, r.literal), `Env::${name}`, "");
    if (o !== undefined) outcomes.push(o);
  }
  return outcomes.length > 0 ? outcomes : pass();
}

function ecs(r: Resource, model: Model): Outcome | Outcome[] {
  const containers = ecsContainers(r, model);
  if (containers === undefined) return unknown("container_definitions is computed at apply time or cannot be read");
  const outcomes: Outcome[] = [];
  for (const c of containers) {
    const env = Array.isArray(c.def.environment) ? c.def.environment : [];
    for (const entry of env) {
      if (entry === null || typeof entry !== "object") continue;
      const { name, value } = entry as { name?: unknown; value?: unknown };
      if (typeof name !== "string") continue;
      const o = judge(name, valueOf(value, r.literal), `Env::${c.name}/${name}`, `container "${c.name}": `);
      if (o !== undefined) outcomes.push(o);
    }
  }
  return outcomes.length > 0 ? outcomes : pass();
}

/** A raw value as a rule reads it: `${...}` text in synthesized JSON is unknown, with its references. */
function valueOf(raw: unknown, literal: boolean): Val {
  if (raw === undefined || raw === null) return { kind: "absent" };
  if (!literal && isExpression(raw)) return expressionValue(raw);
  return { kind: "known", value: raw };
}

/** A failure when the variable takes a secret's value, or holds a literal under a name that says it is a secret. */
function judge(name: string, v: Val, item: string, where: string): Outcome | undefined {
  if (v.kind === "unknown") {
    const secret = v.refs.find(isSecretValue);
    return secret === undefined ? undefined : fail(`${where}${name} takes the secret value ${secret.raw}`, item);
  }
  if (v.kind !== "known" || typeof v.value !== "string") return undefined;
  const value = v.value.trim();
  if (CREDENTIAL_URL.test(value)) return fail(`${where}${name} holds a URL with a password in it`, item);
  if (!isNamedSecret(name, value)) return undefined;
  return fail(`${where}${name} holds a literal value under a secret's name`, item);
}
