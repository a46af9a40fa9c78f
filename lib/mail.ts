/** Alerts go out through the operations configuration set, so SES reports their bounces and complaints. */
import { Stack } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import type { ConfigurationSet } from 'aws-cdk-lib/aws-ses';
import type { Construct } from 'constructs';

export function sendThrough(fn: LambdaFunction, configurationSet: ConfigurationSet): void {
  const name = configurationSet.configurationSetName;
  fn.addEnvironment('NEWSWATCH_SES_CONFIGURATION_SET', name);
  // SES authorises a send against the configuration set as well as the sender identity.
  fn.addToRolePolicy(
    new PolicyStatement({
      actions: ['ses:SendEmail'],
      resources: [
        Stack.of(fn).formatArn({ service: 'ses', resource: 'configuration-set', resourceName: name }),
      ],
    }),
  );
}

const domainOf = (address: string) => address.slice(address.lastIndexOf('@') + 1);

/**
 * Sending as the configured sender, in and out of the SES sandbox. SES authorises SendEmail
 * against the sender's identity and, while the account is in the sandbox, against each
 * recipient's verified identity too: a policy naming only the sender works in production and
 * fails with AccessDenied in the sandbox, where every new account starts. So the recipients'
 * identities (an address is verified by itself or by its domain) are listed as well, and the
 * `ses:FromAddress` condition keeps every send, whichever identity authorises it, to the sender.
 */
export function sendAsSender(
  scope: Construct,
  sender: string,
  recipients: readonly string[],
): PolicyStatement {
  const identity = (name: string) =>
    Stack.of(scope).formatArn({ service: 'ses', resource: 'identity', resourceName: name });
  const names = new Set([sender, domainOf(sender), ...recipients.flatMap((r) => [r, domainOf(r)])]);
  return new PolicyStatement({
    actions: ['ses:SendEmail'],
    resources: [...names].map(identity),
    conditions: { StringEquals: { 'ses:FromAddress': sender } },
  });
}
