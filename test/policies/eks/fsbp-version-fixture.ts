import { App, TerraformStack, TerraformVariable } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { EksCluster } from "@cdktf/provider-aws/lib/eks-cluster";

const CLUSTER_ROLE = "arn:aws:iam::111122223333:role/eks-cluster";
const SUBNETS = ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"];

/**
 * EKS clusters pinned to Kubernetes versions on both sides of the end of standard support, one older than the EKS
 * calendar, one newer than it, one from a variable and one without a version.
 */
export function eksVersionFixture(): TerraformStack {
  const app = new App();
  const stack = new TerraformStack(app, "fsbp-eks-version");
  new AwsProvider(stack, "aws", { region: "eu-west-1" });
  const cluster = (id: string, version?: string) =>
    new EksCluster(stack, id, { name: id.replace(/_/g, "-"), roleArn: CLUSTER_ROLE, vpcConfig: { subnetIds: SUBNETS }, version });

  cluster("ended", "1.34");
  cluster("ancient", "1.27");
  cluster("current", "1.35");
  cluster("newest", "1.36");
  cluster("unreleased", "1.37");
  cluster("default_version");
  const version = new TerraformVariable(stack, "kubernetes_version", { type: "string", default: "1.35" });
  cluster("from_variable", version.stringValue);
  return stack;
}
