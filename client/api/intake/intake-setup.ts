import type { Client } from '@temporalio/client';
import type { Db } from '../../../activities/db/connection';
import type { Logger } from '../../../activities/logging/logger';
import { ArtefactStore } from '../../../activities/models/registry/artefact-store';
import { MarketCalendarHolder } from '../../../activities/detection/rules/market-calendar';
import { ruleSetHolder } from '../../../activities/detection/rules/rule-set-holder';
import { ChampionHolder } from '../../../activities/detection/scoring/champion-holder';
import { dataPaths, type ApiConfig } from '../../../schemas/config';
import { ContextCache } from './context-cache';
import { createScoringBatcher } from './intake-pipeline';

/** How long a minute of the recent flow is reused before it is read again (see ContextCache). */
const CONTEXT_CACHE_MS = 2000;
/** How often the market-hours rule re-reads the business calendar (closures entered reach the API within this). */
const CALENDAR_POLL_MS = 60_000;
import type { IntakeDeps } from './intake-service';
import type { IntakeRouteOptions } from './trades.route';

type IntakeConfig = Pick<
  ApiConfig,
  | 'DATA_DIR'
  | 'CPU_TASK_QUEUE'
  | 'DETECTION_POLICY'
  | 'DETECTION_THRESHOLD'
  | 'CHAMPION_POLL_MS'
  | 'INTAKE_RATE_LIMIT_PER_MINUTE'
  | 'INTAKE_CONTEXT_LIMIT'
>;

/**
 * The intake's dependencies from the API's config: the champion held in memory (CPU provider: the API answers in
 * milliseconds, a GPU would not pay for its transfer on a handful of rows) and the active rule set.
 */
export function createIntakeSetup(
  config: IntakeConfig,
  services: { db: Db; temporal: Client; logger: Logger },
): { deps: IntakeDeps; options: IntakeRouteOptions; close: () => Promise<void> } {
  const logger = services.logger.child({ component: 'intake' });
  const champion = new ChampionHolder({
    db: services.db,
    store: new ArtefactStore(dataPaths(config.DATA_DIR).models),
    provider: 'cpu',
    logger,
    pollMs: config.CHAMPION_POLL_MS,
  });
  const base = {
    db: services.db.kysely,
    temporal: services.temporal,
    logger,
    champion,
    rules: ruleSetHolder(services.db.kysely, config.CHAMPION_POLL_MS),
    calendar: new MarketCalendarHolder(services.db.kysely, CALENDAR_POLL_MS),
    decision: {
      policy: config.DETECTION_POLICY,
      ...(config.DETECTION_THRESHOLD !== undefined && { threshold: config.DETECTION_THRESHOLD }),
    },
    workflowTaskQueue: config.CPU_TASK_QUEUE,
    contextLimit: config.INTAKE_CONTEXT_LIMIT,
    context: new ContextCache(services.db.kysely, CONTEXT_CACHE_MS),
  };
  return {
    deps: { ...base, batcher: createScoringBatcher(base) },
    options: { rateLimitPerMinute: config.INTAKE_RATE_LIMIT_PER_MINUTE },
    close: () => champion.close(),
  };
}
