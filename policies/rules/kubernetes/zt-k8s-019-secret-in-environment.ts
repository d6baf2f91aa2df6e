import { defineRule, fail, pass, unknown } from "../../engine/outcome";
import { Outcome } from "../../engine/types";
import { WORKLOAD_TYPES, eachContainer } from "./_workloads";

export const ztK8s019 = defineRule({
  id: "ZT-K8S-019",
  title: "Container receives a Secret as environment variables",
  severity: "medium",
  domain: "kubernetes",
  rationale:
    "Environment variables are inherited by every child process, printed by crash handlers and debug endpoints, " +
    "shown by `kubectl describe` tooling and copied into core dumps: a secret there leaks far beyond the process " +
    "that needs it, and it cannot be rotated without restarting the pod. Secrets belong in a mounted file (or are " +
    "fetched at run time with the workload's own identity), where access is limited and rotation reaches the pod.",
  remediation:
    "Remove env[].valueFrom.secretKeyRef and envFrom[].secretRef (env value_from.secret_key_ref and env_from.secret_ref " +
    "in the typed provider); mount the Secret as a read-only volume, or read the secret from AWS Secrets Manager with " +
    "the pod's EKS Pod Identity role.",
  references: {
    nist800207: ["Tenet 6"],
    nist80053: ["IA-5(7)", "SC-28", "SC-12"],
    cis: ["5.4.1"],
    checkov: ["CKV_K8S_35"],
  },
  resourceTypes: WORKLOAD_TYPES,
  check(r, model) {
    return eachContainer(r, model, (c) => {
      const out: Outcome[] = [];
      const env = c.view.blocks("env");
      for (let i = 0; i < env.length; i++) {
        const e = env[i];
        const name = e.str("name") ?? `env[${i}]`;
        if (e.blocksUnknown("value_from")) out.push(unknown(`env ${name} of ${c.label} takes its value from a source computed at apply time`, `${c.item}:Env::${name}`));
        else if (e.has("value_from.secret_key_ref")) {
          const secret = e.str("value_from.secret_key_ref.name");
          out.push(fail(`${c.label} reads Secret ${secret === undefined ? "(computed)" : `"${secret}"`} into environment variable ${name}`, `${c.item}:Env::${name}`));
        }
      }
      const from = c.view.blocks("env_from");
      for (let i = 0; i < from.length; i++) {
        const f = from[i];
        if (!f.has("secret_ref")) continue;
        const secret = f.str("secret_ref.name");
        out.push(fail(`${c.label} loads every key of Secret ${secret === undefined ? "(computed)" : `"${secret}"`} as environment variables`, `${c.item}:EnvFrom::${secret ?? i}`));
      }
      if (c.view.blocksUnknown("env") || c.view.blocksUnknown("env_from")) out.push(unknown(`environment of ${c.label} is computed at apply time`, c.item));
      return out.length > 0 ? out : pass(c.item);
    });
  },
});
