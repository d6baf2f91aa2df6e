import { Resource } from "../../engine/model";
import { defineRule, fail, na, pass, unknown } from "../../engine/outcome";
import { Outcome } from "../../engine/types";

/** One in-transit encryption setting: where it is, what it must be, and what an unset value means. */
interface Setting {
  readonly path: string;
  readonly item: string;
  /** The message when the value (or, when unset, the default) admits plaintext; empty when it does not. */
  readonly plaintext: (value: unknown) => string;
  /** The value AWS (or the provider) uses when the configuration leaves the setting out. */
  readonly whenUnset: unknown;
}

const isTrue = (v: unknown) => v === true || v === "true";
const isFalse = (v: unknown) => v === false || v === "false";

/** A setting that must be true, and is off when unset (`unsetMessage` says so). */
function mustBeTrue(path: string, item: string, unsetMessage: string): Setting {
  return { path, item, whenUnset: undefined, plaintext: (v) => (isTrue(v) ? "" : v === undefined ? unsetMessage : `${path} = false`) };
}

/** A setting that is on unless set to false; `what` says what false allows (nothing more to say when empty). */
function onUnlessFalse(path: string, item: string, what: string): Setting {
  return { path, item, whenUnset: true, plaintext: (v) => (isFalse(v) ? `${path.slice(path.lastIndexOf(".") + 1)} = false${what ? `: ${what}` : ""}` : "") };
}

const cacheTransit = mustBeTrue("transit_encryption_enabled", "TransitEncryption", "transit_encryption_enabled is not set: AWS creates it without encryption in transit");
const cacheMode: Setting = {
  path: "transit_encryption_mode",
  item: "TransitEncryptionMode",
  plaintext: (v) => (v === "preferred" ? 'transit_encryption_mode = "preferred" still accepts unencrypted connections' : ""),
  whenUnset: "required",
};
const enforceHttps = mustBeTrue(
  "domain_endpoint_options.enforce_https",
  "EnforceHTTPS",
  "domain_endpoint_options.enforce_https is not set: the endpoint also accepts plain HTTP",
);
const nodeToNode = mustBeTrue("node_to_node_encryption.enabled", "NodeToNodeEncryption", "node_to_node_encryption is not enabled: nodes talk to each other in plaintext");

/** The settings each resource type must have, in report order. */
const SETTINGS: Readonly<Record<string, readonly Setting[]>> = {
  aws_elasticache_replication_group: [cacheTransit, cacheMode],
  aws_elasticache_cluster: [cacheTransit],
  aws_memorydb_cluster: [onUnlessFalse("tls_enabled", "TLS", "")],
  aws_msk_cluster: [
    {
      path: "encryption_info.encryption_in_transit.client_broker",
      item: "ClientBroker",
      plaintext: (v) => (v === "PLAINTEXT" || v === "TLS_PLAINTEXT" ? `client_broker = "${v}" lets clients connect in plaintext` : ""),
      whenUnset: "TLS",
    },
    onUnlessFalse("encryption_info.encryption_in_transit.in_cluster", "InCluster", "brokers replicate in plaintext"),
  ],
  aws_opensearch_domain: [enforceHttps, nodeToNode],
  aws_elasticsearch_domain: [enforceHttps, nodeToNode],
};

export const ztNet012 = defineRule({
  id: "ZT-NET-012",
  title: "Data service accepts or sends unencrypted traffic",
  severity: "medium",
  domain: "network",
  rationale:
    "A cache, stream or search cluster that accepts plaintext connections, or replicates between its nodes in plaintext, exposes its data and credentials to anyone who can observe the network inside the VPC. Zero trust secures every connection regardless of network location. Deliberately stricter than the Checkov checks listed: an unset domain_endpoint_options.enforce_https counts as plaintext, single-node search domains still need node-to-node encryption, and transit_encryption_mode \"preferred\" fails.",
  remediation:
    "Set transit_encryption_enabled = true (with transit_encryption_mode = \"required\") on ElastiCache, keep tls_enabled on MemoryDB, use client_broker = \"TLS\" and in_cluster = true on MSK, and set domain_endpoint_options.enforce_https and node_to_node_encryption.enabled on OpenSearch domains.",
  references: {
    nist800207: ["Tenet 2"],
    nist80053: ["SC-8", "SC-8(1)"],
    checkov: ["CKV_AWS_30", "CKV_AWS_202", "CKV_AWS_81", "CKV_AWS_83", "CKV_AWS_6"],
    securityHub: ["ElastiCache.5", "MSK.1", "Opensearch.3", "ES.3"],
  },
  resourceTypes: Object.keys(SETTINGS),
  check(r) {
    // A cache node that belongs to a replication group takes its settings from the group, which is judged instead.
    if (r.type === "aws_elasticache_cluster" && r.configured("replication_group_id")) return na("judged on its replication group");
    const out: Outcome[] = [];
    for (const s of SETTINGS[r.type]) {
      const found = judgeSetting(r, s);
      if (found) out.push(found);
    }
    return out.length > 0 ? out : pass();
  },
});

function judgeSetting(r: Resource, s: Setting): Outcome | undefined {
  const v = r.configuredValue(s.path);
  if (v.kind === "unknown") return unknown(`${s.path} is not known until apply`, s.item);
  const value = v.kind === "absent" ? s.whenUnset : v.value;
  const message = s.plaintext(value);
  return message === "" ? undefined : fail(message, s.item);
}
