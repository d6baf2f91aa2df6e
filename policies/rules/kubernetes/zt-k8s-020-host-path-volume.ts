import { defineRule, fail, na, pass, unknown } from "../../engine/outcome";
import { Outcome } from "../../engine/types";
import { WORKLOAD_TYPES, podSpec, podSpecUnknown } from "./_workloads";

/** Sockets of container runtimes: whoever reaches one starts privileged containers on the node. */
const RUNTIME_SOCKETS = /(^|\/)(docker\.sock|containerd\.sock|crio\.sock|cri-dockerd\.sock)$|^\/var\/run\/docker$|^\/run\/containerd\/?$/;

export const ztK8s020 = defineRule({
  id: "ZT-K8S-020",
  title: "Pod mounts a hostPath volume (a node directory or the container runtime socket)",
  severity: "high",
  domain: "kubernetes",
  rationale:
    "A hostPath volume hands the pod a piece of the node's filesystem: kubelet credentials, other pods' volumes, " +
    "logs and binaries. Mounting the container runtime socket (docker.sock, containerd.sock) is a full node takeover: " +
    "the pod can start a privileged container. The restricted Pod Security Standard forbids hostPath for this reason.",
  remediation:
    "Replace hostPath volumes by emptyDir, a projected volume, a ConfigMap or Secret volume, or a PersistentVolumeClaim; " +
    "node agents that need host access belong in a separate namespace with its own reviewed, suppressed exception.",
  references: {
    nist800207: ["Tenet 6"],
    nist80053: ["AC-6", "SC-39", "CM-7"],
    cis: ["5.2.12"],
    checkov: ["CKV_K8S_27"],
  },
  resourceTypes: WORKLOAD_TYPES,
  check(r) {
    const spec = podSpec(r);
    if (!spec) return podSpecUnknown(r) ? unknown("the pod spec is computed at apply time") : na("no pod spec");
    if (spec.blocksUnknown("volume")) return unknown("the volumes are computed at apply time");
    const out: Outcome[] = [];
    const volumes = spec.blocks("volume");
    for (let i = 0; i < volumes.length; i++) {
      const v = volumes[i];
      if (!v.has("host_path")) continue;
      const name = v.str("name") ?? `volume[${i}]`;
      const p = v.get("host_path.path");
      if (p.kind === "unknown") {
        out.push(fail(`volume ${name} mounts a node path computed at apply time`, `Volume::${name}`));
        continue;
      }
      const where = p.kind === "known" ? String(p.value) : "(no path)";
      const socket = RUNTIME_SOCKETS.test(where) ? ": the container runtime socket, which starts privileged containers on the node" : "";
      out.push(fail(`volume ${name} mounts the node's ${where}${socket}`, `Volume::${name}`));
    }
    return out.length > 0 ? out : pass();
  },
});
