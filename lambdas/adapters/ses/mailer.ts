/** The Mailer port on SES v2. */
import { type SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { type Mailer, SendError } from '../../core/ports.ts';

const PERMANENT = new Set([
  'MessageRejected',
  'MailFromDomainNotVerifiedException',
  'BadRequestException',
  'NotFoundException',
]);

export function createSesMailer(ses: SESv2Client, from: string, configurationSet?: string): Mailer {
  return {
    async send(message) {
      try {
        const out = await ses.send(
          new SendEmailCommand({
            FromEmailAddress: from,
            Destination: { ToAddresses: message.to },
            ConfigurationSetName: configurationSet,
            Content: {
              Simple: {
                Subject: { Data: message.subject, Charset: 'UTF-8' },
                Body: {
                  Text: { Data: message.text, Charset: 'UTF-8' },
                  Html: { Data: message.html, Charset: 'UTF-8' },
                },
              },
            },
          }),
        );
        return { messageId: out.MessageId ?? 'unknown' };
      } catch (err) {
        const name = (err as Error).name;
        throw new SendError(`SES SendEmail failed: ${name}: ${(err as Error).message}`, PERMANENT.has(name), {
          cause: err,
        });
      }
    },
  };
}
