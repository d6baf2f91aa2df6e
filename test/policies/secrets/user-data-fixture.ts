import { Fn, TerraformStack } from "cdktf";
import { Instance } from "@cdktf/provider-aws/lib/instance";
import { LaunchTemplate } from "@cdktf/provider-aws/lib/launch-template";
import { LaunchConfiguration } from "@cdktf/provider-aws/lib/launch-configuration";

const AMI = "ami-0abcdef1234567890";
const base64 = (text: string) => Buffer.from(text, "utf8").toString("base64");

/** AWS's documented example access key pair: shaped like a real one, valid nowhere. */
const EXAMPLE_KEYS = "export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\nexport AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n";
const PRIVATE_KEY = "cat > /root/.ssh/id_ed25519 <<'KEY'\n-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ==\n-----END OPENSSH PRIVATE KEY-----\nKEY\n";
/** A script that fetches its secret at boot: what the rule asks for. */
const FETCHES_SECRET = "#!/bin/bash\ndnf install -y postgresql15\nDB_PASSWORD=$(aws secretsmanager get-secret-value --secret-id orders-db --query SecretString --output text)\npsql \"postgres://app:$DB_PASSWORD@db.internal/app\" -c 'select 1'\n";

/** Hosts whose user data holds secrets, and twins that fetch them at boot instead (judged by ZT-SEC-013). */
export function userDataHosts(stack: TerraformStack): void {
  const host = { ami: AMI, instanceType: "t3.micro" };
  new Instance(stack, "keys_in_user_data", { ...host, userData: `#!/bin/bash\n${EXAMPLE_KEYS}aws s3 ls\n` });
  new Instance(stack, "private_key_base64", { ...host, userDataBase64: base64(`#!/bin/bash\n${PRIVATE_KEY}`) });
  new Instance(stack, "fetches_secret", { ...host, userData: FETCHES_SECRET });

  new LaunchTemplate(stack, "password_url", { name: "password-url", imageId: AMI, userData: base64("#!/bin/bash\npsql postgres://app:hunter2-orders@db.internal/app -c 'select 1'\n") });
  new LaunchTemplate(stack, "keys_fn_base64", { name: "keys-fn-base64", imageId: AMI, userData: Fn.base64encode(`#!/bin/bash\n${EXAMPLE_KEYS}`) });
  new LaunchTemplate(stack, "clean_template", { name: "clean-template", imageId: AMI, userData: base64(FETCHES_SECRET) });

  new LaunchConfiguration(stack, "named_password", { name: "named-password", imageId: AMI, instanceType: "t3.micro", userData: "#!/bin/bash\nexport DB_PASSWORD='Orders-2026-secret'\n" });
  new LaunchConfiguration(stack, "clean_configuration", { name: "clean-configuration", imageId: AMI, instanceType: "t3.micro", userData: "#!/bin/bash\nsystemctl enable --now amazon-ssm-agent\n" });
}
