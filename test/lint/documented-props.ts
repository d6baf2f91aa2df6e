import { AST_NODE_TYPES, AST_TOKEN_TYPES, ESLintUtils, TSESLint, TSESTree } from "@typescript-eslint/utils";

/** A `@default` (or TSDoc `@defaultValue`) tag in a comment's text. */
const DEFAULT_TAG = /(?:^|[\s*])@default(?:Value)?(?![\w-])/;

/** A construct interface's name: `I` and a capital (`INetwork`). */
const CONSTRUCT_INTERFACE = /^I[A-Z]/;

type MessageId = "missingDoc" | "missingDefault";

/**
 * `ztb/documented-props`: every property of an exported interface has a doc comment (`/** ... *\/`), and an optional
 * one says what applies when it is omitted with a `@default` tag. Props are the API a construct's user reads in the
 * editor; an optional prop without `@default` leaves them to guess what the construct does without it.
 *
 * Properties of type literals written directly as a property's type (`tiers?: { public?: ... }`) are props too and
 * are checked the same way. Construct interfaces (`INetwork`, `IServiceKey`: a name of `I` and a capital) describe
 * what a construct or an imported resource has, not what a caller passes, so their optional properties need a doc
 * comment but no `@default`.
 */
export const documentedProps = ESLintUtils.RuleCreator.withoutDocs<[], MessageId>({
  meta: {
    type: "suggestion",
    docs: {
      description: "Require a doc comment on every property of an exported interface, and a @default tag on optional ones",
    },
    messages: {
      missingDoc: "Property `{{name}}` of exported interface `{{owner}}` has no doc comment (/** ... */).",
      missingDefault: "Optional property `{{name}}` of exported interface `{{owner}}` has no `@default` tag saying what applies when it is omitted.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const check = (iface: TSESTree.TSInterfaceDeclaration) =>
      checkMembers(context, iface.body.body, iface.id.name, !CONSTRUCT_INTERFACE.test(iface.id.name));
    // Interfaces declared without `export` and exported by name later (`export { HostProps }`).
    const local = new Map<string, TSESTree.TSInterfaceDeclaration>();
    const exportedByName = new Set<string>();
    return {
      "ExportNamedDeclaration > TSInterfaceDeclaration": check,
      "ExportDefaultDeclaration > TSInterfaceDeclaration": check,
      "Program > TSInterfaceDeclaration": (iface: TSESTree.TSInterfaceDeclaration) => local.set(iface.id.name, iface),
      "ExportNamedDeclaration[source=null] > ExportSpecifier": (spec: TSESTree.ExportSpecifier) => {
        if (spec.local.type === AST_NODE_TYPES.Identifier) exportedByName.add(spec.local.name);
      },
      "Program:exit": () => {
        for (const [name, iface] of local) if (exportedByName.has(name)) check(iface);
      },
    };
  },
});

/**
 * Reports the undocumented properties among `members` (and, when `needsDefault`, optional ones without `@default`),
 * then those of type literals they hold directly.
 */
function checkMembers(
  context: Readonly<TSESLint.RuleContext<MessageId, []>>,
  members: readonly TSESTree.TypeElement[],
  owner: string,
  needsDefault: boolean,
): void {
  for (const member of members) {
    if (member.type !== AST_NODE_TYPES.TSPropertySignature) continue;
    const name = propertyName(context, member);
    const doc = docComment(context.sourceCode, member);
    if (doc === undefined) context.report({ node: member.key, messageId: "missingDoc", data: { name, owner } });
    else if (needsDefault && member.optional && !DEFAULT_TAG.test(doc.value)) context.report({ node: member.key, messageId: "missingDefault", data: { name, owner } });
    const literal = member.typeAnnotation?.typeAnnotation;
    if (literal?.type === AST_NODE_TYPES.TSTypeLiteral) checkMembers(context, literal.members, `${owner}.${name}`, needsDefault);
  }
}

/** The `/** ... *\/` comment right before `node`, if any. */
function docComment(source: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): TSESTree.BlockComment | undefined {
  const last = source.getCommentsBefore(node).at(-1);
  return last?.type === AST_TOKEN_TYPES.Block && last.value.startsWith("*") ? last : undefined;
}

/** The property's name as written (`cidr`, `"ssh-from"`, `[key]`). */
function propertyName(context: Readonly<TSESLint.RuleContext<MessageId, []>>, member: TSESTree.TSPropertySignature): string {
  const key = member.key;
  if (key.type === AST_NODE_TYPES.Identifier) return key.name;
  return context.sourceCode.getText(key);
}
