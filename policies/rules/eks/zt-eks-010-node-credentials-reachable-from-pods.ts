import { Model, Resource } from "../../engine/model";
import { defineRule, fail, pass, unknown } from "../../engine/outcome";
import { Outcome } from "../../engine/types";
import { MetadataSource, imdsDisabled, metadataOptions, metadataSetting } from "../compute/_host";
import { nodeTemplate } from "./_node-template";

/** Where the rule reads what EKS puts on the template it generates. */
const GENERATED_TEMPLATE_DOC = "https://docs.aws.amazon.com/eks/latest/userguide/launch-templates.html";

export const ztEks010 = defineRule({
  id: "ZT-EKS-010",
  title: "Pods on an EKS managed node group can reach the node role's credentials",
  severity: "high",
  domain: "eks",
  rationale:
    "Every pod on a node can ask the instance metadata service for the node role's credentials unless the node " +
    "requires IMDSv2 tokens (IMDSv1 answers a plain GET from any pod, whatever the hop limit) and keeps the token " +
    "response hop limit at 1 (a pod's network namespace is one hop from the node, so a limit of 2 lets every pod " +
    "fetch a token). The node role holds the permissions of the whole node (pulling images, attaching network " +
    "interfaces), so any pod, and anyone who compromises one, would act as the node. Pods are meant to get " +
    "credentials only from EKS Pod Identity, scoped to their service account. A node group without a launch template " +
    "is launched from a template EKS generates, and EKS documents that this template sets the metadata response hop " +
    `limit to 2 for containers that use IMDSv2 (${GENERATED_TEMPLATE_DOC}); with a template that leaves the hop ` +
    "limit out, EC2 takes the AMI's default, which is 2 for AMIs registered for IMDSv2. ZT-CMP-002, which accepts a " +
    "hop limit of 2 on other hosts, leaves the launch templates of EKS node groups to this rule, and this rule " +
    "reports on the node group, naming its template.",
  remediation:
    "Launch the node group from an aws_launch_template (aws_eks_node_group.launch_template) whose metadata_options set " +
    'http_tokens = "required" and http_put_response_hop_limit = 1 (the ZT Blueprint HardenedCluster does this), ' +
    "and give pods AWS credentials through EKS Pod Identity associations. A node group whose pods must read the " +
    "node's metadata records a suppression with the reason.",
  references: {
    nist800207: ["Tenet 3", "Tenet 6"],
    nist80053: ["AC-3", "AC-6", "IA-5"],
    checkov: ["CKV_AWS_79", "CKV_AWS_341"],
    securityHub: ["EC2.8"],
  },
  resourceTypes: ["aws_eks_node_group"],
  check(group, model) {
    const source = nodeTemplate(group, model);
    if (source.kind === "unknown") return unknown(source.why, "LaunchTemplate");
    if (source.kind === "generated") {
      return fail(
        "no launch_template: EKS launches the nodes from a template it generates with a metadata hop limit of 2, so every pod can fetch an IMDSv2 token and the node role's credentials",
        "HopLimit",
      );
    }
    const template = source.template;
    const src = metadataOptions(template, model);
    if (imdsDisabled(src)) return pass();
    return [tokens(template, model, src), hopLimit(template, model, src)];
  },
});

function tokens(template: Resource, model: Model, src: MetadataSource): Outcome {
  const { val, from } = metadataSetting(template, model, src, "http_tokens");
  const where = fromTemplate(template, from);
  if (val.kind === "unknown") return unknown(`http_tokens of ${where} is unknown until apply`, "HttpTokens");
  if (val.kind === "known" && val.value === "required") return pass("HttpTokens");
  if (val.kind === "known") return fail(`${where} sets http_tokens = "${String(val.value)}", so IMDSv1 hands the node role's credentials to any pod`, "HttpTokens");
  return fail(`launch template ${template.address} sets no http_tokens and no aws_ec2_instance_metadata_defaults requires tokens, so IMDSv1 may hand the node role's credentials to any pod`, "HttpTokens");
}

function hopLimit(template: Resource, model: Model, src: MetadataSource): Outcome {
  const { val, from } = metadataSetting(template, model, src, "http_put_response_hop_limit");
  const where = fromTemplate(template, from);
  if (val.kind === "unknown") return unknown(`the hop limit of ${where} is unknown until apply`, "HopLimit");
  const set = val.kind === "known" ? val.value : undefined;
  const n = set === undefined ? undefined : Number(set);
  if (n === 1) return pass("HopLimit");
  if (n === undefined || n === -1) {
    return fail(`launch template ${template.address} sets no http_put_response_hop_limit (nor do account defaults): the nodes take the AMI's default, 2 for AMIs registered for IMDSv2, which lets pods fetch tokens`, "HopLimit");
  }
  return fail(`${where} sets http_put_response_hop_limit = ${String(set)}, so pods (one hop from the node) can fetch IMDSv2 tokens`, "HopLimit");
}

/** The source of a setting named for a node group's message: the template, or the account defaults it falls back to. */
function fromTemplate(template: Resource, from: string): string {
  return from === "metadata_options" ? `launch template ${template.address}` : from;
}
