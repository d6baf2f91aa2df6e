import { defineRule, fail, pass, unknown } from "../../engine/outcome";
import { WORKLOAD_TYPES, eachContainer } from "./_workloads";

/** The tag of an image reference, `""` when it has none. */
function tagOf(image: string): string {
  const lastSegment = image.slice(image.lastIndexOf("/") + 1);
  const i = lastSegment.indexOf(":");
  return i < 0 ? "" : lastSegment.slice(i + 1);
}

/** Why an image reference without a digest is mutable. */
function mutable(image: string): string {
  const tag = tagOf(image);
  if (tag === "") return `image "${image}" has no tag (implicitly :latest) and no @sha256 digest`;
  if (tag === "latest") return `image "${image}" uses the mutable :latest tag and no @sha256 digest`;
  return `image "${image}" is pinned only by the mutable tag :${tag}, not by an @sha256 digest`;
}

export const ztK8s011 = defineRule({
  id: "ZT-K8S-011",
  title: "Container image is not pinned by digest",
  severity: "medium",
  domain: "kubernetes",
  rationale:
    "A tag can be moved to different content at any time, so the code that runs is whatever the registry serves " +
    "at pull time. Only a content digest makes the deployed artifact the one that was scanned, signed and approved.",
  remediation:
    'Reference every image as "registry/repo@sha256:<digest>" (optionally "repo:tag@sha256:<digest>"), e.g. from ' +
    "an aws_ecr_image's image_digest.",
  references: {
    nist800207: ["Tenet 5"],
    nist80053: ["CM-14", "SI-7", "SR-11"],
    checkov: ["CKV_K8S_14", "CKV_K8S_43"],
  },
  resourceTypes: WORKLOAD_TYPES,
  check(r, model) {
    return eachContainer(r, model, (c) => {
      const v = c.view.get("image");
      if (v.kind === "absent") return unknown(`${c.label} sets no image`, c.item);
      const raw = c.view.rawAt("image");
      if (v.kind === "unknown") {
        if (typeof raw !== "string") return unknown(`image of ${c.label} is computed at apply time`, c.item);
        if (raw.includes("@sha256:")) return pass(c.item);
        const literalTail = raw.slice(raw.lastIndexOf("}") + 1);
        if (/^:[\w][\w.-]*$/.test(literalTail) && !raw.includes("@"))
          return fail(`${c.label}: ${mutable(`<computed>${literalTail}`)}`, c.item);
        return unknown(`image of ${c.label} is computed at apply time`, c.item);
      }
      const image = String(v.value);
      if (/@sha256:[0-9a-f]{64}$/i.test(image)) return pass(c.item);
      if (image.includes("@")) return fail(`${c.label}: image "${image}" has a malformed digest (expected @sha256:<64 hex>)`, c.item);
      return fail(`${c.label}: ${mutable(image)}`, c.item);
    });
  },
});
