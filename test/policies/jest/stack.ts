import { App, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";

/** A stack with one security group open to SSH from the internet (ZT-NET-001) and one closed. */
export function sshStack(app: App = new App({ outdir: undefined }), id = "web"): { stack: TerraformStack; open: SecurityGroup; closed: SecurityGroup } {
  const stack = new TerraformStack(app, id);
  new AwsProvider(stack, "aws", { region: "eu-west-1" });
  const open = new SecurityGroup(stack, "open", {
    name: "open",
    ingress: [{ fromPort: 22, toPort: 22, protocol: "tcp", cidrBlocks: ["0.0.0.0/0"] }],
  });
  const closed = new SecurityGroup(stack, "closed", {
    name: "closed",
    ingress: [{ fromPort: 443, toPort: 443, protocol: "tcp", cidrBlocks: ["10.0.0.0/8"] }],
  });
  return { stack, open, closed };
}
