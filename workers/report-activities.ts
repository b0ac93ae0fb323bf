import type { Db } from '../activities/db/connection';
import type { Logger } from '../activities/logging/logger';
import { createReportActivities } from '../activities/report-data/report.activities';
import { createReportTransport } from '../activities/report-transmit/create-transport';
import { createReportTransmitActivities } from '../activities/report-transmit/report-transmit.activities';
import { createSmtpMailer } from '../activities/report-transmit/smtp-mailer';
import { createSmtpTransport } from '../activities/mail/smtp-transport';
import { dataPaths, type WorkerConfig } from '../schemas/config';
import { reportTransportConfig } from '../schemas/report-config';

/** The report activities of the CPU worker, their transport and mailer built once from the config. */
export function createReportWorkerActivities(config: WorkerConfig, db: Db, logger: Logger) {
  return {
    ...createReportActivities({
      db,
      logger,
      reportsDir: dataPaths(config.DATA_DIR).reports,
      entityLei: config.REPORT_ENTITY_LEI,
      machineFormat: config.REPORT_MACHINE_FORMAT,
    }),
    ...createReportTransmitActivities({
      db,
      logger,
      transport: createReportTransport(reportTransportConfig(config)),
      mailer: createSmtpMailer({
        transport: createSmtpTransport({
          url: config.SMTP_URL,
          user: config.SMTP_USER,
          password: config.SMTP_PASSWORD,
        }),
        from: config.ALERT_FROM,
      }),
      escalationTo: reportEscalationList(config),
    }),
  };
}

/** REPORT_ESCALATION_TO when set, otherwise the operations list. */
function reportEscalationList(config: WorkerConfig): string[] {
  const own = config.REPORT_ESCALATION_TO.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return own.length > 0 ? own : [...config.OPERATIONS_TO];
}
