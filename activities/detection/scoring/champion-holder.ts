import type { Db } from '../../db/connection';
import type { Logger } from '../../logging/logger';
import type { ArtefactStore } from '../../models/registry/artefact-store';
import { currentChampion } from '../../models/registry/model-registry';
import type { ExecutionProvider } from '../../models/scoring/onnx-session';
import { loadChampionModel, type ChampionModel } from './champion-model';

export interface ChampionHolderOptions {
  db: Db;
  store: ArtefactStore;
  provider: ExecutionProvider;
  logger: Logger;
  /** How often the registry is asked whether the champion changed. */
  pollMs: number;
  clock?: () => number;
}

/** A replaced session is released only after requests still scoring with it are surely done. */
const RELEASE_GRACE_MS = 60_000;

/**
 * The champion's ONNX session held in memory. `get()` asks the registry at most once per pollMs (one indexed row)
 * and loads the new champion when the version changed (promotion or roll-back), so every process picks up a
 * promotion within pollMs without a restart. Null while there is no champion. A champion whose artefact cannot be
 * loaded keeps the previous one in service and is retried at the next poll.
 */
export class ChampionHolder {
  private model: ChampionModel | null = null;
  private checkedAt = -Infinity;
  private pending: Promise<ChampionModel | null> | null = null;
  private readonly clock: () => number;

  constructor(private readonly options: ChampionHolderOptions) {
    this.clock = options.clock ?? (() => Date.now());
  }

  async get(): Promise<ChampionModel | null> {
    // A refresh in flight is joined, not bypassed: a caller arriving while a new champion is being loaded must not
    // score with the one it replaces.
    if (this.pending) return this.pending;
    if (this.clock() - this.checkedAt < this.options.pollMs) return this.model;
    this.pending = this.refresh().finally(() => (this.pending = null));
    return this.pending;
  }

  async close(): Promise<void> {
    await this.model?.session.release();
    this.model = null;
  }

  private async refresh(): Promise<ChampionModel | null> {
    const { db, store, provider, logger } = this.options;
    const champion = await currentChampion(db.kysely);
    if (!champion || champion.version === this.model?.version) {
      this.checkedAt = this.clock();
      return this.model;
    }
    try {
      const loaded = await loadChampionModel(store, champion, provider);
      const previous = this.model;
      this.model = loaded;
      logger.info({ version: loaded.version, provider: loaded.provider }, 'champion model loaded');
      if (previous) setTimeout(() => void previous.session.release(), RELEASE_GRACE_MS).unref();
    } catch (error) {
      logger.error(
        { err: error, version: champion.version },
        'champion model could not be loaded; keeping the previous one',
      );
    }
    // Fresh from the end of the load, so pollMs is the time between registry reads, not shortened by a slow load.
    this.checkedAt = this.clock();
    return this.model;
  }
}
