import { TerraformStack, Testing } from "cdktf";
import { StackEnvironment } from "../../constructs/core";
import { flowLogKeyPolicy, flowLogTrustPolicy } from "../../constructs/network/flow-logs";
import { ServiceKey } from "../../constructs/secrets";
import { newStack } from "../identity/harness";

describe("customer-managed keys", () => {
  test("the flow log key and trust policies name service principals with the partition's DNS suffix", () => {
    const env = StackEnvironment.set(new TerraformStack(Testing.app(), "cn"), { accountId: "123456789012", region: "cn-north-1" });
    const key = JSON.parse(flowLogKeyPolicy({ name: "net", env }));
    expect(key.Statement[1].Principal).toEqual({ Service: "logs.cn-north-1.amazonaws.com.cn" });
    expect(key.Statement[1].Condition.ArnLike["kms:EncryptionContext:aws:logs:arn"]).toBe("arn:aws-cn:logs:cn-north-1:123456789012:log-group:/zt/net/vpc-flow-logs");
    expect(JSON.parse(flowLogTrustPolicy({ env })).Statement[0].Principal).toEqual({ Service: "vpc-flow-logs.amazonaws.com.cn" });
  });

  test("every key of the constructs has the same settings, whoever creates it", () => {
    const stack = newStack();
    StackEnvironment.set(stack, { accountId: "123456789012", region: "eu-west-1" });
    new ServiceKey(stack, "a", { owner: "orders", purpose: "secrets" });
    new ServiceKey(stack, "b", { owner: "orders", purpose: "ebs", usedThrough: "ec2" });
    const keys = Object.values(JSON.parse(Testing.synth(stack)).resource.aws_kms_key) as Record<string, unknown>[];
    expect(keys.map((k) => [k.enable_key_rotation, k.deletion_window_in_days, k.key_usage, k.customer_master_key_spec])).toEqual([
      [true, 30, "ENCRYPT_DECRYPT", "SYMMETRIC_DEFAULT"],
      [true, 30, "ENCRYPT_DECRYPT", "SYMMETRIC_DEFAULT"],
    ]);
  });

  test("a key in a China region uses the partition's endpoint suffix in kms:ViaService", () => {
    const stack = new TerraformStack(Testing.app(), "cn");
    StackEnvironment.set(stack, { accountId: "123456789012", region: "cn-north-1" });
    expect(new ServiceKey(stack, "k", { owner: "orders", purpose: "secrets" }).viaService).toBe("secretsmanager.cn-north-1.amazonaws.com.cn");
  });
});
