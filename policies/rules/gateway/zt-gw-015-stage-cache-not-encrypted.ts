import { Resource } from "../../engine/model";
import { defineRule, fail, na, pass, unknown } from "../../engine/outcome";
import { Outcome } from "../../engine/types";
import { methodSettingsFor, stageLabel } from "./_rest-api";

export const ztGw015 = defineRule({
  id: "ZT-GW-015",
  title: "REST API stage caches responses without encrypting them",
  severity: "medium",
  domain: "gateway",
  rationale:
    "A stage cache keeps whole integration responses (personal data, tokens echoed back, query results) for their " +
    "TTL. Unencrypted, they sit in clear on the cache cluster. Zero trust protects data at rest wherever it is " +
    "stored, caches included. Once cache_cluster_enabled is true, API Gateway caches GET methods by default and " +
    "leaves cache data unencrypted unless a method setting encrypts it. AWS Security Hub control APIGateway.5 " +
    "(API Gateway REST API cache data should be encrypted at rest).",
  remediation:
    "In the aws_api_gateway_method_settings of the stage with method_path \"*/*\", set cache_data_encrypted = true " +
    "(or caching_enabled = false), and set cache_data_encrypted = true on every per-method setting with " +
    "caching_enabled = true. Or turn the cache off (cache_cluster_enabled = false).",
  references: {
    nist800207: ["Tenet 2"],
    nist80053: ["SC-28", "SC-28(1)", "SC-13"],
    checkov: ["CKV_AWS_308"],
    securityHub: ["APIGateway.5"],
  },
  resourceTypes: ["aws_api_gateway_stage"],
  check(r, model) {
    const cluster = r.configuredValue("cache_cluster_enabled");
    if (cluster.kind === "unknown") return unknown("cache_cluster_enabled is computed at apply time");
    if (r.bool("cache_cluster_enabled") !== true) return na("the stage has no cache cluster");
    const name = stageLabel(r);
    const all = methodSettingsFor(r, model);
    const stageWide = all.filter((m) => m.str("method_path") === "*/*");
    const defaults = stageWide.map((m) => cacheOf(m));
    const out: Outcome[] = [judgeDefault(name, stageWide, defaults)];
    const wideEncrypted = defaults.some((d) => d.encrypted === true);
    for (const m of all) {
      const path = m.str("method_path");
      if (path === undefined || path === "*/*") continue;
      const own = cacheOf(m);
      if (own.caching !== true && own.caching !== undefined) continue;
      const item = `MethodPath::${path}`;
      if (own.caching === undefined) {
        if (own.cachingUnknown) out.push(unknown(`${name} method settings ${m.address}: caching_enabled is computed at apply time`, item));
        continue;
      }
      if (own.encrypted === true || (own.encrypted === undefined && !own.encryptedUnknown && wideEncrypted)) out.push(pass(item));
      else if (own.encryptedUnknown) out.push(unknown(`${name} method settings ${m.address}: cache_data_encrypted is computed at apply time`, item));
      else out.push(fail(`${name} method settings ${m.address} cache ${path} without cache_data_encrypted`, item));
    }
    return out;
  },
});

/** What a method settings resource says about caching: a known flag, or that it is computed. */
interface CacheSettings {
  readonly caching: boolean | undefined;
  readonly cachingUnknown: boolean;
  readonly encrypted: boolean | undefined;
  readonly encryptedUnknown: boolean;
}

function cacheOf(m: Resource): CacheSettings {
  const s = m.blocks("settings")[0];
  const caching = s?.configuredValue("caching_enabled");
  const encrypted = s?.configuredValue("cache_data_encrypted");
  return {
    caching: caching?.kind === "known" ? s?.bool("caching_enabled") : undefined,
    cachingUnknown: caching?.kind === "unknown",
    encrypted: encrypted?.kind === "known" ? s?.bool("cache_data_encrypted") : undefined,
    encryptedUnknown: encrypted?.kind === "unknown",
  };
}

/** The stage-wide default: GET methods cache once the cluster is on, unencrypted unless the settings of every method say otherwise. */
function judgeDefault(name: string, stageWide: readonly Resource[], defaults: readonly CacheSettings[]): Outcome {
  const item = "MethodPath::*/*";
  if (defaults.some((d) => d.caching === false || d.encrypted === true)) return pass(item);
  const computed = stageWide.find((_, i) => defaults[i].cachingUnknown || defaults[i].encryptedUnknown);
  if (computed) return unknown(`${name} method settings ${computed.address}: caching_enabled or cache_data_encrypted is computed at apply time`, item);
  return fail(
    stageWide.length === 0
      ? `${name} has cache_cluster_enabled = true and no method settings with method_path "*/*": GET methods cache unencrypted`
      : `${name} has cache_cluster_enabled = true and its method settings ${stageWide.map((m) => m.address).join(", ")} leave cache_data_encrypted unset or false`,
    item,
  );
}
