import { TerraformStack, Testing } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { SegmentedNetwork } from "../../constructs/network";
import { testApp } from "./fixtures";
import { expectPlanOk, planStack, plannedAddresses, synthesizedAddresses } from "../support/terraform";

describe("a minimal SegmentedNetwork", () => {
  it("plans cleanly with two zones and no public tier", async () => {
    const stack = new TerraformStack(testApp(), "minimal-network");
    new AwsProvider(stack, "aws", { region: "eu-central-1" });
    new SegmentedNetwork(stack, "net", {
      name: "minimal",
      cidr: "10.50.0.0/20",
      region: "eu-central-1",
      accountId: "444455556666",
      availabilityZones: ["eu-central-1a", "eu-central-1b"],
    });
    const result = await planStack(stack);
    expectPlanOk(result);
    const planned = plannedAddresses(result.plan);
    expect(planned).toEqual(synthesizedAddresses(JSON.parse(Testing.synth(stack))));
    expect(planned.filter((address) => address.startsWith("aws_nat_gateway.") || address.startsWith("aws_internet_gateway."))).toEqual([]);
    const subnets = (result.plan.resource_changes ?? []).filter((change) => change.type === "aws_subnet");
    expect(subnets.map((change) => change.change.after?.cidr_block).sort()).toEqual(["10.50.0.0/22", "10.50.12.0/22", "10.50.4.0/22", "10.50.8.0/22"]);
    expect(subnets.every((change) => change.change.after?.map_public_ip_on_launch === false)).toBe(true);
  });
});
