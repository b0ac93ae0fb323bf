import type { Transporter } from 'nodemailer';
import type { Mailer } from './report-transmit.activities';

/** Report mail over the worker's SMTP transport; the Message-ID makes a repeated send recognisable as the same. */
export function createSmtpMailer(options: { transport: Transporter; from: string }): Mailer {
  const { transport } = options;
  return {
    async send(message) {
      await transport.sendMail({
        from: options.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        messageId: message.messageId,
      });
    },
  };
}
