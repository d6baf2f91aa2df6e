/** Small Terraform JSON configuration in the shape cdktf synthesizes. */
export function sampleConfig(): Record<string, unknown> {
  return {
    "//": { metadata: { backend: "local", stackName: "web", version: "0.21.0" } },
    terraform: { required_providers: { aws: { source: "aws", version: "5.0.0" } } },
    provider: { aws: [{ region: "eu-west-1" }] },
    data: {
      aws_iam_policy_document: {
        admin: {
          "//": { metadata: { path: "web/admin", uniqueId: "admin" } },
          statement: [{ effect: "Allow", actions: ["*"], resources: ["*"] }],
        },
      },
    },
    resource: {
      aws_vpc: {
        main: { "//": { metadata: { path: "web/main", uniqueId: "main" } }, cidr_block: "10.0.0.0/16" },
        other: { cidr_block: "10.1.0.0/16" },
      },
      aws_flow_log: {
        fl: { vpc_id: "${aws_vpc.main.id}", traffic_type: "ALL" },
      },
      aws_iam_policy: {
        p: {
          "//": {
            metadata: { path: "web/p", uniqueId: "p" },
            ztb: { suppressions: [{ id: "ZT-IAM-001", reason: "break-glass admin policy", expires: "2099-01-01" }, { id: 42 }] },
          },
          policy: "${data.aws_iam_policy_document.admin.json}",
        },
      },
    },
  };
}

/** A plan in the shape of `terraform show -json`. */
export function samplePlan(): Record<string, unknown> {
  return {
    format_version: "1.2",
    terraform_version: "1.9.0",
    planned_values: {
      root_module: {
        resources: [
          { address: "aws_vpc.main", mode: "managed", type: "aws_vpc", name: "main", values: { cidr_block: "10.0.0.0/16" } },
          { address: "aws_s3_bucket.logs", mode: "managed", type: "aws_s3_bucket", name: "logs", values: { bucket: "logs" } },
        ],
        child_modules: [
          {
            address: "module.app",
            resources: [
              { address: "module.app.aws_instance.web[0]", mode: "managed", type: "aws_instance", name: "web", index: 0, values: { ami: "ami-1" } },
            ],
          },
        ],
      },
    },
    resource_changes: [
      {
        address: "aws_vpc.main",
        mode: "managed",
        type: "aws_vpc",
        name: "main",
        change: { actions: ["create"], after: { cidr_block: "10.0.0.0/16", id: null }, after_unknown: { id: true } },
      },
      {
        address: "aws_flow_log.fl",
        mode: "managed",
        type: "aws_flow_log",
        name: "fl",
        change: { actions: ["create"], after: { traffic_type: "ALL" }, after_unknown: { vpc_id: true, id: true } },
      },
      {
        address: "aws_instance.old",
        mode: "managed",
        type: "aws_instance",
        name: "old",
        change: { actions: ["delete"], before: { ami: "ami-0" }, after: null },
      },
      {
        address: "module.app.aws_instance.web[0]",
        module_address: "module.app",
        mode: "managed",
        type: "aws_instance",
        name: "web",
        index: 0,
        change: {
          actions: ["create"],
          after: { ami: "ami-1", metadata_options: [{ http_tokens: "required" }], subnet_id: null },
          after_unknown: { subnet_id: true, metadata_options: [{}] },
        },
      },
    ],
    prior_state: {
      values: {
        root_module: {
          resources: [
            { address: "data.aws_region.current", mode: "data", type: "aws_region", name: "current", values: { name: "eu-west-1" } },
          ],
        },
      },
    },
    configuration: {
      root_module: {
        resources: [
          { address: "aws_vpc.main", mode: "managed", type: "aws_vpc", name: "main", expressions: { cidr_block: { constant_value: "10.0.0.0/16" } } },
          {
            address: "aws_flow_log.fl",
            mode: "managed",
            type: "aws_flow_log",
            name: "fl",
            expressions: { vpc_id: { references: ["aws_vpc.main.id", "aws_vpc.main"] }, traffic_type: { constant_value: "ALL" } },
          },
        ],
        module_calls: {
          app: {
            module: {
              resources: [
                {
                  address: "aws_instance.web",
                  mode: "managed",
                  type: "aws_instance",
                  name: "web",
                  expressions: { subnet_id: { references: ["aws_subnet.s.id", "aws_subnet.s"] } },
                },
              ],
            },
          },
        },
      },
    },
  };
}
