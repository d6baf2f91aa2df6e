import { Model, Resource } from "../../engine/model";
import { View } from "../../engine/view";

/** What an `aws_eks_node_group` launches its nodes from. */
export type NodeTemplate =
  /** No `launch_template`: EKS generates one with its own defaults. */
  | { readonly kind: "generated" }
  /** A launch template of this configuration. */
  | { readonly kind: "template"; readonly template: Resource }
  /** A launch template the configuration names but does not hold, or a `launch_template` known only at apply. */
  | { readonly kind: "unknown"; readonly why: string };

const TEMPLATE_TYPES: readonly string[] = ["aws_launch_template"];
const GENERATED: NodeTemplate = Object.freeze({ kind: "generated" });

/**
 * The launch template a managed node group launches its nodes from: the `aws_launch_template` its `launch_template`
 * block references by `id` or `name`, or names with the literal name of a template in the same stack. A group without
 * the block gets a template EKS generates; a literal id, or a name of no template here, is a template outside this
 * configuration, which the rules cannot judge.
 */
export function nodeTemplate(group: Resource, model: Model): NodeTemplate {
  return model.memoFor("eks:node-template", group, readNodeTemplate);
}

function readNodeTemplate(group: Resource, model: Model): NodeTemplate {
  const block = group.blocks("launch_template")[0];
  if (block === undefined) {
    if (group.blocksUnknown("launch_template") && group.configured("launch_template")) return { kind: "unknown", why: "launch_template is computed at apply time" };
    return GENERATED;
  }
  const found = model.referenced(block, "id", TEMPLATE_TYPES, group)[0] ?? model.referenced(block, "name", TEMPLATE_TYPES, group)[0] ?? byLiteralName(block, group, model);
  if (found !== undefined) return { kind: "template", template: found };
  const named = block.str("id") ?? block.str("name");
  if (named !== undefined) return { kind: "unknown", why: `launch template "${named}" is not in this configuration` };
  return { kind: "unknown", why: "the launch template named in launch_template is known only at apply time" };
}

function byLiteralName(block: View, group: Resource, model: Model): Resource | undefined {
  const name = block.str("name");
  if (name === undefined) return undefined;
  return model.ofTypeIn("aws_launch_template", group).find((t) => t.str("name") === name);
}

/** The managed node groups of this configuration that launch their nodes from `template`. */
export function nodeGroupsOf(template: Resource, model: Model): readonly Resource[] {
  if (model.ofTypeIn("aws_eks_node_group", template).length === 0) return NONE;
  const byRef = model.referrers(template, "aws_eks_node_group", "launch_template");
  if (byRef.length > 0) return byRef;
  return model.ofTypeIn("aws_eks_node_group", template).filter((g) => {
    // Read afresh rather than memoized: a memo on another resource outlives its visit.
    const t = readNodeTemplate(g, model);
    return t.kind === "template" && t.template === template;
  });
}

const NONE: readonly Resource[] = Object.freeze([]);
