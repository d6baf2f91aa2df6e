import { Quarantine } from "../../constructs/audit";
import { expectInvalid } from "../core/validation-error";
import { ofType, only, packVerdict, parsePolicy } from "../identity/harness";
import { environmentStack, importedNetwork } from "./detection-fixtures";

function quarantine(name?: string) {
  const stack = environmentStack();
  const network = importedNetwork(stack);
  return { stack, quarantine: new Quarantine(stack, "quarantine", { network, name }) };
}

describe("Quarantine", () => {
  test("a security group in the network with no rules at all, tagged for responders", () => {
    const { stack } = quarantine("payments");
    const group = only(stack, "aws_security_group");
    expect(group).toEqual({
      name: "payments-quarantine",
      description: "Quarantine: no traffic in or out; incident responders move compromised hosts here",
      vpc_id: "vpc-0a1b2c3d4e5f60718",
      revoke_rules_on_delete: true,
      tags: { "zt:quarantine": "true", Name: "payments-quarantine", "managed-by": "zero-trust-blueprint" },
    });
    // No inline blocks: the provider removes the egress rule AWS adds to a new group and manages no other rule.
    expect(group).not.toHaveProperty("egress");
    expect(group).not.toHaveProperty("ingress");
    expect(ofType(stack, "aws_vpc_security_group_egress_rule")).toEqual({});
    expect(ofType(stack, "aws_vpc_security_group_ingress_rule")).toEqual({});
  });

  test("a managed policy that denies every action on every resource, tagged for responders", () => {
    const { stack } = quarantine("payments");
    const policy = only(stack, "aws_iam_policy");
    expect(policy.name).toBe("payments-quarantine-deny-all");
    expect(policy.tags).toMatchObject({ "zt:quarantine": "true" });
    expect(parsePolicy(policy.policy).Statement).toEqual([{ Sid: "QuarantineDenyEverything", Effect: "Deny", Action: "*", Resource: "*" }]);
  });

  test("passes the whole pack with no finding and no suppression", () => {
    const verdict = packVerdict(quarantine().stack);
    expect(verdict.unsuppressed).toEqual([]);
    expect(verdict.suppressed).toEqual([]);
  });

  test("is named after its construct id by default and refuses a name IAM would refuse", () => {
    expect(only(quarantine().stack, "aws_security_group").name).toBe("quarantine-quarantine");
    expectInvalid(() => quarantine("payments team"), "name", /"payments team" must be 1 to 100/);
  });
});
