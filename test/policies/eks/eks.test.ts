import { Model } from "../../../policies/engine/model";
import { Rule } from "../../../policies/engine/types";
import { eksRules } from "../../../policies/rules/eks";
import { ztEks001 } from "../../../policies/rules/eks/zt-eks-001-public-endpoint-open";
import { ztEks002 } from "../../../policies/rules/eks/zt-eks-002-public-endpoint-enabled";
import { ztEks003 } from "../../../policies/rules/eks/zt-eks-003-secrets-not-envelope-encrypted";
import { ztEks004 } from "../../../policies/rules/eks/zt-eks-004-control-plane-logs-missing";
import { ztEks005 } from "../../../policies/rules/eks/zt-eks-005-private-endpoint-disabled";
import { ztEks006 } from "../../../policies/rules/eks/zt-eks-006-node-group-ssh-access";
import { ztEks007 } from "../../../policies/rules/eks/zt-eks-007-config-map-authentication";
import { ztEks008 } from "../../../policies/rules/eks/zt-eks-008-creator-admin-bootstrap";
import { ztEks009 } from "../../../policies/rules/eks/zt-eks-009-vpc-cni-network-policy-disabled";
import { ztEks010 } from "../../../policies/rules/eks/zt-eks-010-node-credentials-reachable-from-pods";
import { ztEks011 } from "../../../policies/rules/eks/zt-eks-011-node-group-cluster-security-group";
import { ztEks012 } from "../../../policies/rules/eks/zt-eks-012-node-group-public-ip";
import { ztEks013 } from "../../../policies/rules/eks/zt-eks-013-default-service-account-aws-role";
import { ztEks014 } from "../../../policies/rules/eks/zt-eks-014-version-out-of-standard-support";
import { loadManifestYaml } from "../../../policies/engine/manifests";
import { configModel, describeFixtureModes, expectTableCovers, itExpectsRules, resultsOf, RuleTable } from "../../support/rules";
import { eksFixture } from "./fixture";

const C = (name: string) => `aws_eks_cluster.${name}`;
const N = (name: string) => `aws_eks_node_group.${name}`;
/** Node groups launched from a template EKS generates. */
const GENERATED = [N("no_ssh"), N("ssh_open"), N("ssh_from_sg")];

/** Expected addresses per rule; the same for the synthesized configuration and the plan. */
const EXPECTED: RuleTable = [
  [ztEks001, { fail: [C("default_cluster"), C("world_cidr")], pass: [C("hardened"), C("restricted")] }],
  [ztEks002, { fail: [C("restricted")], pass: [C("hardened")] }],
  [ztEks003, { fail: [C("default_cluster"), C("world_cidr")], pass: [C("hardened"), C("restricted")] }],
  [ztEks004, { fail: [C("default_cluster"), C("restricted")], pass: [C("hardened"), C("world_cidr")] }],
  [ztEks005, { fail: [C("default_cluster")], pass: [C("hardened"), C("restricted"), C("world_cidr")] }],
  [ztEks006, { fail: ["aws_eks_node_group.ssh_open", "aws_eks_node_group.ssh_from_sg"], pass: ["aws_eks_node_group.no_ssh", N("hardened_nodes")] }],
  [ztEks007, { fail: [C("default_cluster"), C("world_cidr")], pass: [C("hardened"), C("restricted")] }],
  [ztEks008, { fail: [C("default_cluster"), C("world_cidr")], pass: [C("hardened"), C("restricted")] }],
  [ztEks009, { fail: [C("default_cluster"), C("restricted"), C("world_cidr")], pass: [C("hardened")] }],
  [ztEks010, { fail: [...GENERATED, N("weak_nodes"), N("unset_nodes")], pass: [N("hardened_nodes")] }],
  [ztEks011, { fail: [...GENERATED, N("weak_nodes")], pass: [N("hardened_nodes"), N("unset_nodes")] }],
  [ztEks012, { fail: [N("weak_nodes")], pass: [...GENERATED, N("hardened_nodes"), N("unset_nodes")] }],
  [ztEks013, { fail: ["aws_eks_pod_identity_association.default_identity"], pass: ["aws_eks_pod_identity_association.orders_identity"] }],
  // No cluster here pins a version: EKS creates each on its default, in standard support (fsbp-version.test.ts pins them).
  [ztEks014, { fail: [], pass: [C("default_cluster"), C("hardened"), C("restricted"), C("world_cidr")] }],
];

describe("eks rules", () => {
  it("have one row each in EXPECTED, in id order", () => expectTableCovers(EXPECTED, eksRules));

  describeFixtureModes("on the fixture", eksFixture, (model, mode) => {
    itExpectsRules(EXPECTED, model);

    if (mode === "synthesized") {
      it("reports world-open endpoints only under ZT-EKS-001, and names each missing log type", () => {
        expect(resultsOf(ztEks002, model()).filter((r) => r.address === C("world_cidr") || r.address === C("default_cluster"))).toEqual([]);
        const logs = resultsOf(ztEks004, model()).filter((r) => r.address === C("restricted"));
        expect(logs.map((r) => `${r.status}:${r.findingId}`)).toEqual(["pass:ZT-EKS-004[LogType::audit]", "fail:ZT-EKS-004[LogType::authenticator]"]);
        const ssh = resultsOf(ztEks006, model()).find((r) => r.address === "aws_eks_node_group.ssh_open");
        expect(ssh?.item).toBe("RemoteAccess::0.0.0.0/0:22");
      });
    }

    it("ZT-EKS-009 names the add-on that leaves network policies unenforced, or the missing add-on", () => {
      const message = (name: string) => resultsOf(ztEks009, model()).find((r) => r.address === C(name))?.message;
      expect(message("restricted")).toBe(
        'network policies are not enforced: aws_eks_addon.restricted_vpc_cni sets no configuration_values (enableNetworkPolicy defaults to "false")',
      );
      expect(message("world_cidr")).toBe('network policies are not enforced: aws_eks_addon.world_vpc_cni sets enableNetworkPolicy to "false"');
      expect(message("default_cluster")).toMatch(/^no vpc-cni add-on for this cluster in the configuration/);
    });

    it("ZT-EKS-010 names the template's setting that lets pods reach the node's credentials, or the generated template", () => {
      const of = (name: string) => resultsOf(ztEks010, model()).filter((r) => r.address === N(name)).map((r) => `${r.status}:${r.item}:${r.message}`);
      expect(of("no_ssh")).toEqual([
        "fail:HopLimit:no launch_template: EKS launches the nodes from a template it generates with a metadata hop limit of 2, so every pod can fetch an IMDSv2 token and the node role's credentials",
      ]);
      expect(of("weak_nodes")).toEqual([
        'fail:HttpTokens:launch template aws_launch_template.weak_nodes_lt sets http_tokens = "optional", so IMDSv1 hands the node role\'s credentials to any pod',
        "fail:HopLimit:launch template aws_launch_template.weak_nodes_lt sets http_put_response_hop_limit = 2, so pods (one hop from the node) can fetch IMDSv2 tokens",
      ]);
      expect(of("unset_nodes").map((m) => m.split(":")[1])).toEqual(["HttpTokens", "HopLimit"]);
      expect(of("hardened_nodes")).toEqual(["pass:HttpTokens:", "pass:HopLimit:"]);
    });

    it("ZT-EKS-012 names the subnets that map public addresses", () => {
      expect(resultsOf(ztEks012, model()).find((r) => r.address === N("weak_nodes"))?.message).toBe(
        "nodes launched in aws_subnet.public_subnet get public IP addresses (the subnet maps them on launch)",
      );
    });

    it("ZT-EKS-011 names the template without a security group, or the generated template", () => {
      const message = (name: string) => resultsOf(ztEks011, model()).find((r) => r.address === N(name))?.message;
      expect(message("weak_nodes")).toBe(
        "launch template aws_launch_template.weak_nodes_lt names no security group (vpc_security_group_ids, network_interfaces.security_groups), so EKS puts the cluster security group, which admits all traffic between its members and allows all egress, on the nodes",
      );
      expect(message("ssh_open")).toMatch(/^no launch_template: EKS puts the cluster security group/);
    });

    if (mode === "planned") {
      it("reads computed-but-unset public_access_cidrs and access_config as the AWS defaults", () => {
        const open = resultsOf(ztEks001, model()).find((r) => r.address === C("default_cluster"));
        expect(open?.message).toMatch(/AWS default 0\.0\.0\.0\/0/);
        const auth = resultsOf(ztEks007, model()).find((r) => r.address === C("default_cluster"));
        expect(auth?.message).toMatch(/default CONFIG_MAP/);
      });
    }
  });
});

const cluster = (vpc: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  name: "c",
  role_arn: "arn:aws:iam::111122223333:role/eks",
  vpc_config: { subnet_ids: ["subnet-0123456789abcdef0"], ...vpc },
  ...extra,
});
const cfg = (clusters: Record<string, unknown>, more: Record<string, unknown> = {}) => configModel({ resource: { aws_eks_cluster: clusters, ...more } });
const statuses = (rule: Rule, model: Model) => resultsOf(rule, model).map((r) => `${r.address}:${r.status}`);

describe("eks rules on tricky shapes", () => {
  it("ZT-EKS-001: CIDRs that reach the internet together or alone are the internet; one public /8 is not", () => {
    const model = cfg({
      halves: cluster({ public_access_cidrs: ["0.0.0.0/1", "128.0.0.0/1"] }),
      pieces: cluster({ public_access_cidrs: ["11.0.0.0/8", "12.0.0.0/8"] }),
      one_eight: cluster({ public_access_cidrs: ["11.0.0.0/8"] }),
    });
    expect(statuses(ztEks001, model)).toEqual(["aws_eks_cluster.halves:fail", "aws_eks_cluster.pieces:fail", "aws_eks_cluster.one_eight:pass"]);
    expect(resultsOf(ztEks001, model).find((r) => r.address === "aws_eks_cluster.pieces")?.message).toBe(
      "public endpoint is enabled and public_access_cidrs 11.0.0.0/8, 12.0.0.0/8 together reach the internet (IPv4)",
    );
  });

  it("ZT-EKS-001 / ZT-EKS-002: ::/0 and an empty list are the internet; CIDRs from variables are not assumed to be", () => {
    const model = cfg({
      ipv6: cluster({ public_access_cidrs: ["::/0"] }),
      empty: cluster({ public_access_cidrs: [] }),
      var_cidrs: cluster({ public_access_cidrs: "${var.cidrs}" }),
      var_public: cluster({ endpoint_public_access: "${var.public}" }),
      string_false: cluster({ endpoint_public_access: "false" }),
    });
    expect(statuses(ztEks001, model)).toEqual([
      "aws_eks_cluster.ipv6:fail",
      "aws_eks_cluster.empty:fail",
      "aws_eks_cluster.var_cidrs:unknown",
      "aws_eks_cluster.var_public:unknown",
      "aws_eks_cluster.string_false:pass",
    ]);
    expect(statuses(ztEks002, model)).toEqual([
      "aws_eks_cluster.var_cidrs:unknown",
      "aws_eks_cluster.var_public:unknown",
      "aws_eks_cluster.string_false:pass",
    ]);
  });

  it("ZT-EKS-003: needs \"secrets\" in resources and a key; unknown resources are unknown", () => {
    const model = cfg({
      no_secrets: cluster({}, { encryption_config: { resources: ["configmaps"], provider: { key_arn: "arn:aws:kms:eu-west-1:111122223333:key/k" } } }),
      no_key: cluster({}, { encryption_config: { resources: ["secrets"], provider: {} } }),
      var_resources: cluster({}, { encryption_config: { resources: "${var.resources}", provider: { key_arn: "${aws_kms_key.k.arn}" } } }),
      ref_key: cluster({}, { encryption_config: { resources: ["secrets"], provider: { key_arn: "${aws_kms_key.k.arn}" } } }),
    });
    expect(statuses(ztEks003, model)).toEqual([
      "aws_eks_cluster.no_secrets:fail",
      "aws_eks_cluster.no_key:fail",
      "aws_eks_cluster.var_resources:unknown",
      "aws_eks_cluster.ref_key:pass",
    ]);
  });

  it("ZT-EKS-004: a log type list with expressions is unknown for the missing types", () => {
    const model = cfg({
      partial_expr: cluster({}, { enabled_cluster_log_types: ["audit", "${var.extra_log}"] }),
      var_list: cluster({}, { enabled_cluster_log_types: "${var.logs}" }),
    });
    expect(resultsOf(ztEks004, model).map((r) => `${r.address}:${r.status}:${r.item ?? ""}`)).toEqual([
      "aws_eks_cluster.partial_expr:pass:LogType::audit",
      "aws_eks_cluster.partial_expr:unknown:LogType::authenticator",
      "aws_eks_cluster.var_list:unknown:",
    ]);
  });

  it("ZT-EKS-005 / ZT-EKS-007 / ZT-EKS-008: variables are unknown, API mode passes", () => {
    const model = cfg({
      vars: cluster(
        { endpoint_private_access: "${var.private}" },
        { access_config: { authentication_mode: "${var.mode}", bootstrap_cluster_creator_admin_permissions: "${var.bootstrap}" } },
      ),
      api: cluster({ endpoint_private_access: true }, { access_config: { authentication_mode: "API" } }),
    });
    expect(statuses(ztEks005, model)).toEqual(["aws_eks_cluster.vars:unknown", "aws_eks_cluster.api:pass"]);
    expect(statuses(ztEks007, model)).toEqual(["aws_eks_cluster.vars:unknown", "aws_eks_cluster.api:pass"]);
    expect(statuses(ztEks008, model)).toEqual(["aws_eks_cluster.vars:unknown", "aws_eks_cluster.api:pass"]);
  });

  it("ZT-EKS-009: add-ons by literal cluster name; computed configuration, a cluster name from a variable or no default add-ons are unknown", () => {
    const addon = (cluster: string, configuration?: string) => ({ cluster_name: cluster, addon_name: "vpc-cni", ...(configuration ? { configuration_values: configuration } : {}) });
    const model = cfg(
      {
        by_name: cluster({}, { name: "by-name" }),
        computed: cluster({}, { name: "computed" }),
        elsewhere: cluster({}, { name: "elsewhere", bootstrap_self_managed_addons: false }),
        var_target: cluster({}, { name: "var-target" }),
      },
      {
        aws_eks_addon: {
          by_name: addon("by-name", '{"enableNetworkPolicy":"true","nodeAgent":{"enablePolicyEventLogs":"true"}}'),
          computed: addon("${aws_eks_cluster.computed.name}", "${jsonencode(var.cni)}"),
          from_var: addon("${var.cluster}", '{"enableNetworkPolicy":"false"}'),
        },
      },
    );
    expect(statuses(ztEks009, model)).toEqual([
      "aws_eks_cluster.by_name:pass",
      "aws_eks_cluster.computed:unknown",
      "aws_eks_cluster.elsewhere:unknown",
      "aws_eks_cluster.var_target:unknown",
    ]);
    expect(resultsOf(ztEks009, model).find((r) => r.address === "aws_eks_cluster.elsewhere")?.message).toBe(
      "aws_eks_addon.from_var may be this cluster's vpc-cni add-on (values computed at apply time)",
    );
    const alone = cfg({ elsewhere: cluster({}, { name: "elsewhere", bootstrap_self_managed_addons: false }), bootstrapped: cluster({}, { name: "bootstrapped" }) });
    expect(resultsOf(ztEks009, alone).map((r) => `${r.address}:${r.status}:${r.message}`)).toEqual([
      "aws_eks_cluster.elsewhere:unknown:the cluster installs no default add-ons and this configuration manages no vpc-cni add-on: the CNI (and whether it enforces network policies) is managed elsewhere",
      "aws_eks_cluster.bootstrapped:fail:no vpc-cni add-on for this cluster in the configuration: EKS installs the self-managed vpc-cni, which does not enforce network policies",
    ]);
  });

  it("ZT-EKS-006: source security groups from a variable are not reported as 0.0.0.0/0", () => {
    const model = configModel({
      resource: {
        aws_eks_node_group: {
          var_sg: {
            cluster_name: "c",
            node_role_arn: "r",
            subnet_ids: ["s"],
            scaling_config: { desired_size: 1, min_size: 1, max_size: 1 },
            remote_access: { ec2_ssh_key: "${var.key}", source_security_group_ids: "${var.sgs}" },
          },
        },
      },
    });
    const r = resultsOf(ztEks006, model);
    expect(r.map((x) => `${x.status}:${x.item}`)).toEqual(["fail:RemoteAccess::22"]);
  });
});

describe("ZT-EKS-010 and ZT-EKS-011 on node groups' launch templates", () => {
  const group = (launchTemplate?: Record<string, unknown>) => ({
    cluster_name: "c",
    node_group_name: "n",
    node_role_arn: "arn:aws:iam::111122223333:role/node",
    subnet_ids: ["subnet-0123456789abcdef0"],
    scaling_config: { desired_size: 1, min_size: 1, max_size: 1 },
    ...(launchTemplate ? { launch_template: { version: "1", ...launchTemplate } } : {}),
  });
  const strict = { http_tokens: "required", http_put_response_hop_limit: 1 };

  it("a template outside the configuration, or named by a variable, is unknown, never a pass", () => {
    const model = configModel({
      resource: {
        aws_eks_node_group: { literal_id: group({ id: "lt-0123456789abcdef0" }), var_name: group({ name: "${var.template}" }) },
      },
    });
    expect(resultsOf(ztEks010, model).map((r) => `${r.address}:${r.status}:${r.message}`)).toEqual([
      'aws_eks_node_group.literal_id:unknown:launch template "lt-0123456789abcdef0" is not in this configuration',
      "aws_eks_node_group.var_name:unknown:the launch template named in launch_template is known only at apply time",
    ]);
    expect(statuses(ztEks011, model)).toEqual(["aws_eks_node_group.literal_id:unknown", "aws_eks_node_group.var_name:unknown"]);
  });

  it("ZT-EKS-010: account defaults fill what the template leaves out; IMDS switched off passes; variables are unknown", () => {
    const model = configModel({
      resource: {
        aws_ec2_instance_metadata_defaults: { d: { http_tokens: "required", http_put_response_hop_limit: 1 } },
        aws_launch_template: {
          bare: { name: "bare" },
          own_two: { name: "own-two", metadata_options: { http_put_response_hop_limit: 2 } },
          off: { name: "off", metadata_options: { http_endpoint: "disabled" } },
          vars: { name: "vars", metadata_options: { http_tokens: "${var.tokens}", http_put_response_hop_limit: "${var.hops}" } },
        },
        aws_eks_node_group: {
          bare: group({ id: "${aws_launch_template.bare.id}" }),
          own_two: group({ id: "${aws_launch_template.own_two.id}" }),
          off: group({ name: "${aws_launch_template.off.name}" }),
          vars: group({ id: "${aws_launch_template.vars.id}" }),
        },
      },
    });
    expect(resultsOf(ztEks010, model).map((r) => `${r.address}:${r.status}:${r.item ?? ""}`)).toEqual([
      "aws_eks_node_group.bare:pass:HttpTokens",
      "aws_eks_node_group.bare:pass:HopLimit",
      "aws_eks_node_group.own_two:pass:HttpTokens",
      "aws_eks_node_group.own_two:fail:HopLimit",
      "aws_eks_node_group.off:pass:",
      "aws_eks_node_group.vars:unknown:HttpTokens",
      "aws_eks_node_group.vars:unknown:HopLimit",
    ]);
  });

  it("ZT-EKS-011: groups by name or on a network interface pass; an empty list fails; a list from a variable is unknown", () => {
    const model = configModel({
      resource: {
        aws_launch_template: {
          names: { name: "names", metadata_options: strict, security_group_names: ["nodes"] },
          data_sg: { name: "data-sg", metadata_options: strict, vpc_security_group_ids: "${data.aws_security_group.nodes[*].id}" },
          empty: { name: "empty", metadata_options: strict, vpc_security_group_ids: [] },
          var_ids: { name: "var-ids", metadata_options: strict, vpc_security_group_ids: "${var.sgs}" },
          eni_empty: { name: "eni-empty", metadata_options: strict, network_interfaces: { device_index: 0, security_groups: [] } },
        },
        aws_eks_node_group: {
          names: group({ name: "names" }),
          data_sg: group({ id: "${aws_launch_template.data_sg.id}" }),
          empty: group({ id: "${aws_launch_template.empty.id}" }),
          var_ids: group({ id: "${aws_launch_template.var_ids.id}" }),
          eni_empty: group({ id: "${aws_launch_template.eni_empty.id}" }),
        },
      },
    });
    expect(statuses(ztEks011, model)).toEqual([
      "aws_eks_node_group.names:pass",
      "aws_eks_node_group.data_sg:pass",
      "aws_eks_node_group.empty:fail",
      "aws_eks_node_group.var_ids:unknown",
      "aws_eks_node_group.eni_empty:fail",
    ]);
    expect(resultsOf(ztEks011, model).find((r) => r.address === "aws_eks_node_group.var_ids")?.message).toBe(
      "vpc_security_group_ids of aws_launch_template.var_ids is computed at apply time",
    );
  });
});

describe("ZT-EKS-012 on node groups' subnets", () => {
  const group = (subnets: unknown, launchTemplate?: string) => ({
    cluster_name: "c",
    node_role_arn: "arn:aws:iam::111122223333:role/node",
    subnet_ids: subnets,
    scaling_config: { desired_size: 1, min_size: 1, max_size: 1 },
    ...(launchTemplate ? { launch_template: { id: `\${aws_launch_template.${launchTemplate}.id}`, version: "1" } } : {}),
  });

  it("a default subnet maps public addresses unless told not to; a template's interface decides; variables are unknown", () => {
    const model = configModel({
      resource: {
        aws_default_subnet: { default_a: { availability_zone: "eu-west-1a" }, default_off: { availability_zone: "eu-west-1b", map_public_ip_on_launch: false } },
        aws_subnet: { public: { vpc_id: "vpc-1", cidr_block: "10.0.0.0/24", map_public_ip_on_launch: true }, var_map: { vpc_id: "vpc-1", cidr_block: "10.0.1.0/24", map_public_ip_on_launch: "${var.public}" } },
        aws_launch_template: {
          private_eni: { name: "private-eni", network_interfaces: { device_index: 0, associate_public_ip_address: "false", security_groups: ["sg-1"] } },
          public_eni: { name: "public-eni", network_interfaces: { device_index: 0, associate_public_ip_address: "true", security_groups: ["sg-1"] } },
        },
        aws_eks_node_group: {
          default_a: group(["${aws_default_subnet.default_a.id}"]),
          default_off: group(["${aws_default_subnet.default_off.id}"]),
          private_eni: group(["${aws_subnet.public.id}"], "private_eni"),
          public_eni: group(["${aws_subnet.public.id}"], "public_eni"),
          var_map: group(["${aws_subnet.var_map.id}"]),
          var_ids: group("${var.subnets}"),
        },
      },
    });
    expect(statuses(ztEks012, model)).toEqual([
      "aws_eks_node_group.default_a:fail",
      "aws_eks_node_group.default_off:pass",
      "aws_eks_node_group.private_eni:pass",
      "aws_eks_node_group.var_map:unknown",
      "aws_eks_node_group.var_ids:unknown",
    ]);
  });
});

describe("ZT-EKS-013 on the Kubernetes side", () => {
  const account = (name: string, annotations?: Record<string, string>) => ({ metadata: { name, namespace: "orders", ...(annotations ? { annotations } : {}) } });
  const IRSA = { "eks.amazonaws.com/role-arn": "arn:aws:iam::111122223333:role/orders" };

  it("an IRSA role on a namespace's default ServiceAccount fails; on a workload's own account it is not this rule's concern", () => {
    const model = configModel({
      resource: {
        kubernetes_service_account_v1: { default_irsa: account("default", IRSA), default_plain: account("default"), orders_irsa: account("orders", IRSA), var_name: account("${var.name}", IRSA) },
        kubernetes_default_service_account_v1: { typed_default: account("default", IRSA) },
        aws_eks_pod_identity_association: { var_account: { cluster_name: "c", namespace: "orders", service_account: "${var.account}", role_arn: "arn:aws:iam::111122223333:role/orders" } },
      },
    });
    expect(statuses(ztEks013, model)).toEqual([
      "aws_eks_pod_identity_association.var_account:unknown",
      "kubernetes_service_account_v1.default_irsa:fail",
      "kubernetes_service_account_v1.default_plain:pass",
      "kubernetes_service_account_v1.var_name:unknown",
      "kubernetes_default_service_account_v1.typed_default:fail",
    ]);
  });

  it("judges a ServiceAccount read from a YAML file, at its line", () => {
    const yaml = ["apiVersion: v1", "kind: ServiceAccount", "metadata:", "  name: default", "  namespace: orders", "  annotations:", "    eks.amazonaws.com/role-arn: arn:aws:iam::111122223333:role/orders", ""].join("\n");
    const model = new Model(loadManifestYaml(yaml, "k8s", "k8s/orders.yaml"));
    expect(resultsOf(ztEks013, model).map((r) => `${r.address}:${r.status}:${r.file}:${r.line}`)).toEqual(["ServiceAccount/orders/default:fail:k8s/orders.yaml:1"]);
  });
});
