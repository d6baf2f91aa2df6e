import { defineRule, fail, na, pass, unknown } from "../../engine/outcome";
import { LISTENER_TYPES, listenerProtocol } from "./_lb";

/** ELB security policies whose minimum protocol is TLS 1.2 or 1.3. Anything else is treated as legacy. */
export const TLS12_POLICIES: ReadonlySet<string> = new Set([
  "ELBSecurityPolicy-TLS13-1-2-2021-06",
  "ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
  "ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06",
  "ELBSecurityPolicy-TLS13-1-2-Ext2-2021-06",
  "ELBSecurityPolicy-TLS13-1-3-2021-06",
  "ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04",
  "ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04",
  "ELBSecurityPolicy-TLS13-1-2-Ext0-FIPS-2023-04",
  "ELBSecurityPolicy-TLS13-1-2-Ext1-FIPS-2023-04",
  "ELBSecurityPolicy-TLS13-1-2-Ext2-FIPS-2023-04",
  "ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04",
  "ELBSecurityPolicy-TLS13-1-2-PQ-2025-09",
  "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09",
  "ELBSecurityPolicy-TLS13-1-2-Ext1-PQ-2025-09",
  "ELBSecurityPolicy-TLS13-1-2-Ext2-PQ-2025-09",
  "ELBSecurityPolicy-TLS13-1-3-PQ-2025-09",
  "ELBSecurityPolicy-TLS13-1-3-FIPS-PQ-2025-09",
  "ELBSecurityPolicy-TLS13-1-2-FIPS-PQ-2025-09",
  "ELBSecurityPolicy-TLS13-1-2-Res-FIPS-PQ-2025-09",
  "ELBSecurityPolicy-TLS13-1-2-Ext0-FIPS-PQ-2025-09",
  "ELBSecurityPolicy-TLS13-1-2-Ext1-FIPS-PQ-2025-09",
  "ELBSecurityPolicy-TLS13-1-2-Ext2-FIPS-PQ-2025-09",
  "ELBSecurityPolicy-FS-1-2-2019-08",
  "ELBSecurityPolicy-FS-1-2-Res-2019-08",
  "ELBSecurityPolicy-FS-1-2-Res-2020-10",
  "ELBSecurityPolicy-TLS-1-2-2017-01",
  "ELBSecurityPolicy-TLS-1-2-Ext-2018-06",
]);

/**
 * Newer policies of the same families (e.g. RFC 9151 variants) encode the minimum version in the name:
 * TLS13-1-2 / TLS13-1-3 / TLS-1-2 / FS-1-2. TLS13-1-0, TLS13-1-1, TLS-1-1, FS-2018 and 2016-08 do not match.
 */
const TLS12_FAMILY = /^ELBSecurityPolicy-(TLS13-1-[23]|TLS-1-[23]|FS-1-2)-/;

export function isTls12Policy(policy: string): boolean {
  return TLS12_POLICIES.has(policy) || TLS12_FAMILY.test(policy);
}

/** The policy AWS applies to an HTTPS/TLS listener created without ssl_policy; it allows TLS 1.0. */
export const DEFAULT_POLICY = "ELBSecurityPolicy-2016-08";

export const ztLb002 = defineRule({
  id: "ZT-LB-002",
  title: "HTTPS/TLS listener allows TLS 1.0 or 1.1",
  severity: "high",
  domain: "loadbalancing",
  rationale:
    "TLS 1.0 and 1.1 lack modern cipher suites and are open to downgrade attacks; a listener that still " +
    "negotiates them protects traffic only as well as the weakest client allows. Zero trust secures every " +
    "connection. Listeners without ssl_policy get ELBSecurityPolicy-2016-08, which accepts TLS 1.0.",
  remediation:
    "Set ssl_policy to a TLS 1.2+ policy such as ELBSecurityPolicy-TLS13-1-2-2021-06 (or ELBSecurityPolicy-TLS13-1-2-Res-2021-06 " +
    "for forward secrecy and AEAD ciphers only) on every HTTPS and TLS listener.",
  references: {
    nist800207: ["Tenet 2"],
    nist80053: ["SC-8", "SC-8(1)", "SC-13"],
    checkov: ["CKV_AWS_103"],
  },
  resourceTypes: LISTENER_TYPES,
  check(r, model) {
    const protocol = listenerProtocol(r, model);
    if (protocol === undefined) {
      const ssl = r.str("ssl_policy");
      if (ssl === undefined) return unknown("listener protocol cannot be determined before apply");
    } else if (protocol !== "HTTPS" && protocol !== "TLS") {
      return na(`${protocol} listener does not terminate TLS`);
    }
    const v = r.get("ssl_policy");
    if (v.kind === "known") {
      const policy = String(v.value);
      return isTls12Policy(policy) ? pass() : fail(`ssl_policy ${policy} is not a TLS 1.2+ policy`, `SslPolicy::${policy}`);
    }
    if (!r.configured("ssl_policy")) return fail(`ssl_policy is not set: AWS applies ${DEFAULT_POLICY}, which allows TLS 1.0`, `SslPolicy::${DEFAULT_POLICY}`);
    return unknown("ssl_policy is computed at apply time");
  },
});
