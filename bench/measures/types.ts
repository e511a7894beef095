// What a measurement reports back from its child process.

export interface Measurement {
  /** Wall time of the measured work only (setup and input preparation excluded). */
  ms: number;
  /** Work units done (events), when the row is a rate. */
  units?: number;
  /** Extra facts for the JSON report (counts, percentiles, result checksums). */
  details?: Record<string, unknown>;
}

export type Measure = (params: any) => Measurement | Promise<Measurement>;
