import { HardenedHost } from "../../constructs/compute";
import { Port } from "../../constructs/core";
import { ServiceIdentity } from "../../constructs/identity";
import { ServiceSecrets } from "../../constructs/secrets";
import { ACCOUNT, REGION, ofType, only, packVerdict, parsePolicy, statement } from "../identity/harness";
import { AMI, host, hostStack } from "./fixtures";

const SLR = `arn:aws:iam::${ACCOUNT}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling`;

describe("HardenedHost launch template", () => {
  test("IMDSv2 required, hop limit 1, no metadata tags, detailed monitoring, pinned AMI", () => {
    const { stack } = host();
    const lt = only(stack, "aws_launch_template");
    expect(lt.image_id).toBe(AMI);
    expect(lt.metadata_options).toEqual({
      http_endpoint: "enabled",
      http_tokens: "required",
      http_put_response_hop_limit: 1,
      instance_metadata_tags: "disabled",
      http_protocol_ipv6: "disabled",
    });
    expect(lt.monitoring).toEqual({ enabled: true });
    expect(lt.instance_type).toBe("t3.micro");
  });

  test("hop limit 2 when the hosts run containers", () => {
    const { stack } = host({ containers: true });
    expect((only(stack, "aws_launch_template").metadata_options as Record<string, unknown>).http_put_response_hop_limit).toBe(2);
  });

  test("no public IP, only the host security group, no key pair", () => {
    const { stack, hosts } = host();
    const lt = only(stack, "aws_launch_template");
    expect(lt.network_interfaces).toEqual([
      { device_index: 0, associate_public_ip_address: "false", delete_on_termination: "true", security_groups: [expect.stringMatching(/^\$\{aws_security_group\.api_firewall_group_[A-F0-9]+\.id\}$/)] },
    ]);
    expect(lt.vpc_security_group_ids).toBeUndefined();
    expect(lt.key_name).toBeUndefined();
    expect(hosts.launchTemplate?.keyNameInput).toBeUndefined();
  });

  test("instance profile of the service identity", () => {
    const { stack } = host();
    expect(only(stack, "aws_launch_template").iam_instance_profile).toEqual({ name: expect.stringMatching(/^\$\{aws_iam_instance_profile\.orders_instance-profile_[A-F0-9]+\.name\}$/) });
  });

  test("root volume gp3, encrypted with the dedicated key, deleted on termination", () => {
    const { stack, hosts } = host();
    expect(only(stack, "aws_launch_template").block_device_mappings).toEqual([
      {
        device_name: "/dev/xvda",
        ebs: {
          volume_type: "gp3",
          volume_size: 20,
          encrypted: "true",
          kms_key_id: expect.stringMatching(/^\$\{aws_kms_key\.api_volume-key_[A-F0-9]+\.arn\}$/),
          delete_on_termination: "true",
        },
      },
    ]);
    expect(hosts.key?.aliasName).toBe("alias/orders/api-ebs");
    expect(only(stack, "aws_kms_alias", "api_").name).toBe("alias/orders/api-ebs");
  });

  test("dedicated key: rotation, 30 days, and the Auto Scaling service-linked role may use it", () => {
    const { stack } = host();
    const key = only(stack, "aws_kms_key", "api_");
    expect(key).toMatchObject({ enable_key_rotation: true, deletion_window_in_days: 30 });
    expect(statement(key.policy, "AutoScalingUsesForEbs")).toEqual({
      Sid: "AutoScalingUsesForEbs",
      Effect: "Allow",
      Principal: { AWS: SLR },
      Action: ["kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey", "kms:GenerateDataKeyWithoutPlaintext", "kms:ReEncryptFrom", "kms:ReEncryptTo"],
      Resource: "*",
    });
    expect(statement(key.policy, "AutoScalingGrantsForEbs")).toEqual({
      Sid: "AutoScalingGrantsForEbs",
      Effect: "Allow",
      Principal: { AWS: SLR },
      Action: "kms:CreateGrant",
      Resource: "*",
      Condition: { Bool: { "kms:GrantIsForAWSResource": "true" } },
    });
  });

  test("the service's secrets key can encrypt the volumes; it then admits the service-linked role", () => {
    const { stack, network, identity } = hostStack();
    const secrets = new ServiceSecrets(stack, "orders-secrets", { identity, adminRoleArns: [`arn:aws:iam::${ACCOUNT}:role/deployer`] });
    new HardenedHost(stack, "api", { identity, network, amiId: AMI, kmsKey: secrets.key });
    const lt = only(stack, "aws_launch_template");
    expect((lt.block_device_mappings as { ebs: { kms_key_id: string } }[])[0].ebs.kms_key_id).toMatch(/^\$\{aws_kms_key\.orders-secrets_key_[A-F0-9]+\.arn\}$/);
    expect(statement(only(stack, "aws_kms_key", "orders-secrets").policy, "AutoScalingUsesForEbs").Principal).toEqual({ AWS: SLR });
    expect(Object.keys(ofType(stack, "aws_kms_key")).filter((n) => n.startsWith("api_"))).toEqual([]);
  });

  test("a key given by ARN is used as is", () => {
    const arn = `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
    const { stack, hosts } = host({ kmsKey: arn });
    expect((only(stack, "aws_launch_template").block_device_mappings as { ebs: { kms_key_id: string } }[])[0].ebs.kms_key_id).toBe(arn);
    expect(hosts.key).toBeUndefined();
    expect(Object.keys(ofType(stack, "aws_kms_key")).filter((n) => n.startsWith("api_"))).toEqual([]);
  });

  test("user data is base64 encoded", () => {
    const { stack } = host({ userData: "#!/bin/bash\necho ready\n" });
    expect(Buffer.from(String(only(stack, "aws_launch_template").user_data), "base64").toString("utf8")).toBe("#!/bin/bash\necho ready\n");
  });
});

describe("HardenedHost auto scaling group", () => {
  test("pinned launch template version, tier subnets, health check, tags propagate", () => {
    const { stack } = host({ minSize: 2, maxSize: 4, desiredCapacity: 3, tags: { team: "checkout" } });
    const asg = only(stack, "aws_autoscaling_group");
    expect(asg).toMatchObject({ name: "orders-api", min_size: 2, max_size: 4, desired_capacity: 3, health_check_type: "EC2", health_check_grace_period: 300 });
    expect(asg.launch_template).toEqual({
      id: expect.stringMatching(/^\$\{aws_launch_template\.api_launch-template_[A-F0-9]+\.id\}$/),
      version: expect.stringMatching(/^\$\{aws_launch_template\.api_launch-template_[A-F0-9]+\.latest_version\}$/),
    });
    expect(JSON.stringify(asg)).not.toContain("$Latest");
    expect(asg.vpc_zone_identifier).toEqual([
      expect.stringMatching(/^\$\{aws_subnet\.network_private-subnet-eu-west-1a_[A-F0-9]+\.id\}$/),
      expect.stringMatching(/^\$\{aws_subnet\.network_private-subnet-eu-west-1b_[A-F0-9]+\.id\}$/),
    ]);
    expect(asg.tag).toEqual([
      { key: "team", value: "checkout", propagate_at_launch: true },
      { key: "zt:service", value: "orders", propagate_at_launch: true },
      { key: "Name", value: "orders-api", propagate_at_launch: true },
    ]);
    expect(asg.instance_refresh).toEqual({ strategy: "Rolling" });
  });

  test("default sizes: 1 instance, at most 2", () => {
    const { stack } = host();
    expect(only(stack, "aws_autoscaling_group")).toMatchObject({ min_size: 1, desired_capacity: 1, max_size: 2 });
  });

  test("isolated tier puts the group in the isolated subnets", () => {
    const { stack } = host({ subnetTier: "isolated" });
    expect((only(stack, "aws_autoscaling_group").vpc_zone_identifier as string[]).every((s) => s.includes("isolated-subnet"))).toBe(true);
  });
});

describe("HardenedHost instance mode", () => {
  test("one instance in the tier's first subnet with the same hardening", () => {
    const { stack } = host({ mode: "instance" });
    expect(ofType(stack, "aws_autoscaling_group")).toEqual({});
    expect(ofType(stack, "aws_launch_template")).toEqual({});
    const instance = only(stack, "aws_instance");
    expect(instance).toMatchObject({
      ami: AMI,
      associate_public_ip_address: false,
      monitoring: true,
      metadata_options: { http_endpoint: "enabled", http_tokens: "required", http_put_response_hop_limit: 1, instance_metadata_tags: "disabled", http_protocol_ipv6: "disabled" },
      root_block_device: { volume_type: "gp3", encrypted: true, delete_on_termination: true, kms_key_id: expect.stringMatching(/^\$\{aws_kms_key\.api_volume-key_/) },
    });
    expect(instance.subnet_id).toMatch(/^\$\{aws_subnet\.network_private-subnet-eu-west-1a_[A-F0-9]+\.id\}$/);
    expect(instance.key_name).toBeUndefined();
    // RunInstances encrypts the volume with the caller's permissions, through EC2 only.
    expect(parsePolicy(only(stack, "aws_kms_key", "api_").policy).Statement.map((s) => s.Sid)).toEqual([
      "AccountRootAdministersNotUse",
      "AccountUsesThroughEc2ForEbs",
      "AccountGrantsThroughEc2ForEbs",
    ]);
  });
});

describe("HardenedHost and the zero-trust pack", () => {
  test("no unsuppressed findings on the host group, identity and key (both modes)", () => {
    for (const mode of ["autoscaling", "instance"] as const) {
      const { stack, network, hosts } = host({ mode });
      const peer = new HardenedHost(stack, "worker", { identity: hosts.identity, network, amiId: AMI });
      hosts.connections.allowTo(peer, Port.tcp(8443), "orders api to worker");
      const verdict = packVerdict(stack);
      expect(verdict.unsuppressed).toEqual([]);
      expect(verdict.evaluated).toBeGreaterThan(0);
    }
  });
});

describe("HardenedHost identity", () => {
  test("an identity that does not trust EC2 is refused", () => {
    const { stack, network } = hostStack();
    const pods = new ServiceIdentity(stack, "pods", { serviceName: "pods", accountId: ACCOUNT, region: REGION, trust: { kind: "eks-pod-identity" } });
    expect(() => new HardenedHost(stack, "api", { identity: pods, network, amiId: AMI })).toThrow(
      'HardenedHost "api": identity trusts "eks-pod-identity"; hosts need a ServiceIdentity with trust { kind: "ec2" } for its instance profile.',
    );
  });
});

describe("HardenedHost target groups", () => {
  const TG = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/api/0123456789abcdef";

  test("an auto scaling group is attached with aws_autoscaling_attachment and leaves target_group_arns to it", () => {
    const { stack, hosts } = host();
    hosts.attachToTargetGroup("nlb", TG, Port.tcp(8443));
    expect(only(stack, "aws_autoscaling_attachment")).toEqual({ autoscaling_group_name: expect.stringMatching(/^\$\{aws_autoscaling_group\.api_group_\w+\.name\}$/), lb_target_group_arn: TG });
    expect(only(stack, "aws_autoscaling_group").lifecycle).toEqual({ ignore_changes: ["target_group_arns"] });
  });

  test("one instance is registered on the port with aws_lb_target_group_attachment", () => {
    const { stack, hosts } = host({ mode: "instance" });
    hosts.attachToTargetGroup("nlb", TG, Port.tcp(8443));
    expect(only(stack, "aws_lb_target_group_attachment")).toEqual({ target_group_arn: TG, target_id: expect.stringMatching(/^\$\{aws_instance\.api_instance_\w+\.id\}$/), port: 8443 });
  });
});
