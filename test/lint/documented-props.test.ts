import { Rule, RuleTester } from "eslint";
import tseslint from "typescript-eslint";
import { documentedProps } from "./documented-props";
import { lintAs, messagesOf } from "./lint";

const tester = new RuleTester({ languageOptions: { parser: tseslint.parser } });
const rule = documentedProps as unknown as Rule.RuleModule;

tester.run("ztb/documented-props", rule, {
  valid: [
    `export interface HostProps {
      /** The AMI. */
      readonly amiId: string;
      /** Instance type. @default "t3.micro" */
      readonly instanceType?: string;
      /**
       * Hop limit of the metadata service.
       * @defaultValue 1
       */
      readonly hopLimit?: number;
    }`,
    // Nested type literals are props too, and documented here.
    `export interface NetworkProps {
      /**
       * Optional tiers.
       * @default only the private and isolated tiers
       */
      readonly tiers?: {
        /** The public tier. @default disabled */
        readonly public?: boolean;
      };
    }`,
    // A construct interface says what a construct has: its optional properties need no @default.
    `export interface INetwork {
      /** Security group of the interface endpoints; undefined when there are none. */
      readonly endpointSecurityGroupId?: string;
    }`,
    // Not exported: not API.
    `interface Internal { readonly undocumented?: string; }`,
    `interface Internal { readonly undocumented?: string; }
    export { Other } from "./other";`,
    // Methods are not props.
    `export interface IGrantable { grantRead(other: string): void; }`,
  ],
  invalid: [
    {
      code: `export interface HostProps {
        /** Instance type. */
        readonly instanceType?: string;
      }`,
      errors: [{ messageId: "missingDefault", data: { name: "instanceType", owner: "HostProps" } }],
    },
    {
      code: `export interface HostProps {
        readonly instanceType?: string;
        // A line comment is not a doc comment.
        readonly amiId: string;
        /* Nor is a plain block comment. */
        readonly name: string;
      }`,
      errors: [
        { messageId: "missingDoc", data: { name: "instanceType", owner: "HostProps" } },
        { messageId: "missingDoc", data: { name: "amiId", owner: "HostProps" } },
        { messageId: "missingDoc", data: { name: "name", owner: "HostProps" } },
      ],
    },
    {
      // A @default in the text, not as a tag, does not count.
      code: `export interface HostProps {
        /** Uses the account's default key (aws@default.example). */
        readonly keyArn?: string;
      }`,
      errors: [{ messageId: "missingDefault" }],
    },
    {
      code: `export default interface HostProps {
        /** Hop limit. */
        readonly "hop-limit"?: number;
      }`,
      errors: [{ messageId: "missingDefault", data: { name: '"hop-limit"', owner: "HostProps" } }],
    },
    {
      code: `export interface NetworkProps {
        /** The tiers. @default private and isolated */
        readonly tiers?: { readonly public?: boolean; /** The isolated tier. */ readonly isolated?: boolean };
      }`,
      errors: [
        { messageId: "missingDoc", data: { name: "public", owner: "NetworkProps.tiers" } },
        { messageId: "missingDefault", data: { name: "isolated", owner: "NetworkProps.tiers" } },
      ],
    },
    {
      // Exported by name after its declaration.
      code: `interface HostProps {
        readonly amiId: string;
      }
      export { HostProps };`,
      errors: [{ messageId: "missingDoc", data: { name: "amiId", owner: "HostProps" } }],
    },
    {
      code: `interface HostProps {
        /** The AMI. */
        readonly amiId?: string;
      }
      export type { HostProps as Props };`,
      errors: [{ messageId: "missingDefault", data: { name: "amiId", owner: "HostProps" } }],
    },
    {
      code: `export interface INetwork {
        readonly vpcId: string;
      }`,
      errors: [{ messageId: "missingDoc", data: { name: "vpcId", owner: "INetwork" } }],
    },
  ],
});

describe("the project's configuration", () => {
  const undocumentedOptional = `export interface ProbeProps {
    /** The name. */
    readonly name: string;
    /** The port. */
    readonly port?: number;
  }
  `;

  test("reports an undocumented optional prop in constructs/", async () => {
    const messages = messagesOf(await lintAs("constructs/compute/probe.ts", undocumentedOptional), "ztb/documented-props");
    expect(messages).toEqual(["Optional property `port` of exported interface `ProbeProps` has no `@default` tag saying what applies when it is omitted."]);
  });

  test("leaves interfaces outside constructs/ alone", async () => {
    expect(messagesOf(await lintAs("policies/engine/probe.ts", undocumentedOptional), "ztb/documented-props")).toEqual([]);
  });
});
