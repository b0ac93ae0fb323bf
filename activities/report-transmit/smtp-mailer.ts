import nodemailer from 'nodemailer';
import type { Mailer } from './report-transmit.activities';

/** nodemailer over SMTP_URL; the Message-ID makes a repeated send recognisable as the same message. */
export function createSmtpMailer(options: { url: string; from: string }): Mailer {
  const transport = nodemailer.createTransport(options.url);
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
