import { ROOT_ADMIN_ACTIONS } from "../../constructs/secrets";
import { onlyRef, resources, synthNetwork } from "./fixtures";

describe("VPC flow logs", () => {
  const { json } = synthNetwork();
  const [flowLog] = resources(json, "aws_flow_log");
  const [key] = resources(json, "aws_kms_key");
  const [logGroup] = resources(json, "aws_cloudwatch_log_group");
  const [role] = resources(json, "aws_iam_role");
  const [rolePolicy] = resources(json, "aws_iam_role_policy");

  it("logs ALL traffic of the VPC at 60-second aggregation to the log group", () => {
    expect(resources(json, "aws_flow_log")).toHaveLength(1);
    expect(flowLog).toMatchObject({
      vpc_id: onlyRef(json, "aws_vpc", "id"),
      traffic_type: "ALL",
      max_aggregation_interval: 60,
      log_destination_type: "cloud-watch-logs",
      log_destination: onlyRef(json, "aws_cloudwatch_log_group", "arn"),
      iam_role_arn: onlyRef(json, "aws_iam_role", "arn"),
    });
  });

  it("keeps the logs a year in a deterministically named group encrypted with the network's key", () => {
    expect(logGroup).toMatchObject({
      name: "/zt/net/vpc-flow-logs",
      retention_in_days: 365,
      kms_key_id: onlyRef(json, "aws_kms_key", "arn"),
    });
    expect(resources(synthNetwork({ flowLogRetentionDays: 731 }).json, "aws_cloudwatch_log_group")[0].retention_in_days).toBe(731);
  });

  it("rotates the key and keeps it 30 days after deletion is requested", () => {
    expect(key).toMatchObject({ enable_key_rotation: true, deletion_window_in_days: 30 });
    expect(resources(json, "aws_kms_alias")[0]).toEqual({ name: "alias/zt/net/vpc-flow-logs", target_key_id: onlyRef(json, "aws_kms_key", "key_id") });
  });

  it("gives the account root administration of the key, not its use", () => {
    const policy = JSON.parse(key.policy);
    expect(policy.Version).toBe("2012-10-17");
    expect(policy.Statement[0]).toEqual({
      Sid: "AccountRootAdministersNotUse",
      Effect: "Allow",
      Principal: { AWS: "arn:aws:iam::111122223333:root" },
      Action: [...ROOT_ADMIN_ACTIONS],
      Resource: "*",
    });
    expect(policy.Statement).toHaveLength(2);
  });

  it("lets CloudWatch Logs use the key only for this log group", () => {
    const policy = JSON.parse(key.policy);
    expect(policy.Statement).toHaveLength(2);
    expect(policy.Statement[1]).toEqual({
      Sid: "CloudWatchLogsForTheFlowLogGroup",
      Effect: "Allow",
      Principal: { Service: "logs.eu-west-1.amazonaws.com" },
      Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
      Resource: "*",
      Condition: { ArnLike: { "kms:EncryptionContext:aws:logs:arn": "arn:aws:logs:eu-west-1:111122223333:log-group:/zt/net/vpc-flow-logs" } },
    });
  });

  it("lets only this account's VPC flow logs assume the delivery role", () => {
    expect(role.name).toBe("net-eu-west-1-vpc-flow-logs");
    expect(JSON.parse(role.assume_role_policy)).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: { Service: "vpc-flow-logs.amazonaws.com" },
          Action: "sts:AssumeRole",
          Condition: {
            StringEquals: { "aws:SourceAccount": "111122223333" },
            ArnLike: { "aws:SourceArn": "arn:aws:ec2:eu-west-1:111122223333:vpc-flow-log/*" },
          },
        },
      ],
    });
  });

  it("lets the role write only to the flow log group", () => {
    const groupArn = onlyRef(json, "aws_cloudwatch_log_group", "arn");
    expect(rolePolicy.role).toBe(onlyRef(json, "aws_iam_role", "id"));
    expect(JSON.parse(rolePolicy.policy)).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "WriteToTheFlowLogGroupOnly",
          Effect: "Allow",
          Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
          Resource: [groupArn, `${groupArn}:*`],
        },
      ],
    });
  });

  it("uses the GovCloud partition in ARNs for GovCloud regions", () => {
    const gov = synthNetwork({ region: "us-gov-west-1", availabilityZones: ["us-gov-west-1a", "us-gov-west-1b"] }).json;
    const policy = JSON.parse(resources(gov, "aws_kms_key")[0].policy);
    expect(policy.Statement[0].Principal.AWS).toBe("arn:aws-us-gov:iam::111122223333:root");
    expect(policy.Statement[1].Condition.ArnLike["kms:EncryptionContext:aws:logs:arn"]).toBe(
      "arn:aws-us-gov:logs:us-gov-west-1:111122223333:log-group:/zt/net/vpc-flow-logs",
    );
  });
});
