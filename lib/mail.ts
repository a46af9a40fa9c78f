/** Alerts go out through the operations configuration set, so SES reports their bounces and complaints. */
import { Stack } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import type { ConfigurationSet } from 'aws-cdk-lib/aws-ses';

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
