// The targets as data: each is checked against a row's medians and printed as text.

export type Target =
  | { kind: 'maxMs'; value: number }
  | { kind: 'minRate'; value: number }
  /** op time / baseline time for the same work. */
  | { kind: 'maxRatio'; value: number }
  | { kind: 'maxRssMb'; value: number };

export interface Figures {
  ms: number;
  rate: number | null;
  ratio: number | null;
  peakRssMb: number;
}

export function targetText(target: Target): string {
  switch (target.kind) {
    case 'maxMs':
      return `< ${target.value} ms`;
    case 'minRate':
      return `≥ ${Math.round(target.value / 1000)}k ev/s`;
    case 'maxRatio':
      return target.value < 1 ? `≥ ${Math.round(1 / target.value)}× faster` : `≤ ${target.value}×`;
    case 'maxRssMb':
      return `RSS < ${target.value} MB`;
  }
}

export function targetMet(target: Target, f: Figures): boolean {
  switch (target.kind) {
    case 'maxMs':
      return f.ms < target.value;
    case 'minRate':
      return f.rate !== null && f.rate >= target.value;
    case 'maxRatio':
      return f.ratio !== null && f.ratio <= target.value;
    case 'maxRssMb':
      return f.peakRssMb < target.value;
  }
}
