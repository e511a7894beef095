// What the parallel chain walk and its hashing workers pass each other (parallelChain.ts, chainHashWorker.ts).

export interface RangeTask {
  id: number;
  /** Positions in (after, upTo]. */
  after: number;
  upTo: number;
}

/** Hex characters per row in `links`: prev_hash then hash, 64 each ('-' padding where not a blob: such a row is flagged). */
export const LINK_CHARS = 128;

export interface RangeRows {
  positions: Float64Array;
  recordedAt: Float64Array;
  /** Index into `types` per row. */
  typeCodes: Uint32Array;
  types: string[];
  links: string;
  /** Positions of the rows that are not clean, ascending. */
  flagged: number[];
  /**
   * Every row clean, positions consecutive, and each row's prev_hash the hash of the row before it
   * in the range: the walk may leave such a range out of the classifier (chainClassifier canSkip).
   */
  linked: boolean;
}

export type RangeAnswer = ({ id: number; ok: true } & RangeRows) | { id: number; ok: false; message: string };

