import { createAnomalyWorkflowActivities } from '../activities/anomalies/anomaly-workflow.activities';
import { createCalendarActivities } from '../activities/calendar/business-calendar.activities';
import type { Db } from '../activities/db/connection';
import type { Logger } from '../activities/logging/logger';
import { createMailActivities, type MailSettings, type MailTransport } from '../activities/mail/mail.activities';
import type { WorkerConfig } from '../schemas/config';

/** The mail settings of the worker configuration. */
export function mailSettingsOf(config: WorkerConfig): MailSettings {
  return {
    from: config.ALERT_FROM,
    alertTo: config.ALERT_TO,
    escalationTo: config.ESCALATION_TO,
    operationsTo: config.OPERATIONS_TO,
    appBaseUrl: config.APP_BASE_URL,
  };
}

/** Every activity `anomalyWorkflow` proxies: the business calendar, the mailer, the anomaly's status and audit. */
export function createAlertActivities(deps: {
  db: Db;
  logger: Logger;
  clock: () => Date;
  transport: MailTransport;
  settings: MailSettings;
}) {
  const mail = createMailActivities({ ...deps, logger: deps.logger.child({ component: 'mail' }) });
  return {
    ...mail,
    ...createCalendarActivities({
      db: deps.db,
      logger: deps.logger.child({ component: 'calendar' }),
      sendOperationsMail: mail.sendOperationsMail,
    }),
    ...createAnomalyWorkflowActivities({ db: deps.db, clock: deps.clock }),
  };
}
