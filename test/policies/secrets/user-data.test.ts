import { gzipSync } from "zlib";
import { Model } from "../../../policies/engine/model";
import { ztSec013 } from "../../../policies/rules/secrets/zt-sec-013-secret-in-user-data";
import { configModel, expectRule, resultsOf, synthModel } from "../../support/rules";
import { secretsFixture } from "./fixture";

const findings = (model: Model) =>
  resultsOf(ztSec013, model)
    .filter((r) => r.status !== "pass")
    .map((r) => `${r.address} ${r.status} ${r.item}: ${r.message}`)
    .sort();

describe("ZT-SEC-013 on the secrets fixture", () => {
  it("names what it found without repeating the secret", () => {
    expect(findings(synthModel(secretsFixture()))).toEqual([
      "aws_instance.keys_in_user_data fail UserData::AwsAccessKey: user_data holds an AWS access key id (AKIA…)",
      "aws_instance.keys_in_user_data fail UserData::AwsSecretKey: user_data holds an AWS secret access key",
      "aws_instance.private_key_base64 fail UserData::PrivateKey: user_data_base64 holds a private key block",
      "aws_launch_configuration.named_password fail UserData::NamedSecret: user_data holds a literal value assigned to DB_PASSWORD",
      "aws_launch_template.keys_fn_base64 fail UserData::AwsAccessKey: user_data holds an AWS access key id (AKIA…)",
      "aws_launch_template.keys_fn_base64 fail UserData::AwsSecretKey: user_data holds an AWS secret access key",
      "aws_launch_template.password_url fail UserData::PasswordUrl: user_data holds a URL with a password in it",
    ]);
  });
});

describe("ZT-SEC-013 on synthesized JSON shapes", () => {
  const host = (body: Record<string, unknown>) => ({ ami: "ami-0abcdef1234567890", instance_type: "t3.micro", ...body });

  it("a secret resource attribute in user data fails; a variable is unknown; a file is unknown; a resource attribute passes", () => {
    const m = configModel({
      resource: {
        aws_instance: {
          random: host({ user_data: "#!/bin/bash\necho ${random_password.db.result} > /etc/app/pw\n" }),
          variable: host({ user_data: "${var.user_data}" }),
          from_file: host({ user_data: '${file("boot.sh")}' }),
          endpoint: host({ user_data: "#!/bin/bash\necho ${aws_db_instance.db.address} > /etc/app/db\n" }),
        },
      },
    });
    expectRule(ztSec013, m, { fail: ["aws_instance.random"], pass: ["aws_instance.endpoint"], unknown: ["aws_instance.variable", "aws_instance.from_file"] });
    expect(resultsOf(ztSec013, m).find((r) => r.address === "aws_instance.random")?.message).toBe("user_data holds the secret value random_password.db.result");
  });

  it("gzip'd base64 user data is unpacked; temporary keys (ASIA) and PEM keys count; placeholders do not", () => {
    const gz = gzipSync(Buffer.from("#!/bin/bash\n-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----\n")).toString("base64");
    const m = configModel({
      resource: {
        aws_launch_template: { gz: { user_data: gz } },
        aws_instance: {
          temporary: host({ user_data: "AWS_SESSION=ASIAIOSFODNN7EXAMPLE" }),
          placeholders: host({ user_data: "DB_PASSWORD=$(cat /run/secrets/db)\nAPI_TOKEN=\"$TOKEN\"\nURL=postgres://app:$PW@db/app\nDB_PASSWORD_ARN=arn:aws:secretsmanager:eu-west-1:111122223333:secret:db\n" }),
        },
      },
    });
    expectRule(ztSec013, m, { fail: ["aws_launch_template.gz", "aws_instance.temporary"], pass: ["aws_instance.placeholders"], unknown: [] });
  });
});
