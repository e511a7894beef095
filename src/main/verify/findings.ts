// Collects verification findings with a cap, so a thoroughly damaged file (every row edited) keeps
// memory flat: the first MAX_FINDINGS are kept in full, every one is counted by kind.
import { VERIFY_FINDING_KINDS, type VerifyFinding, type VerifyFindingKind } from '../../shared/verify.ts';

export const MAX_FINDINGS = 1000;

export interface FindingSink {
  readonly list: VerifyFinding[];
  readonly counts: Record<VerifyFindingKind, number>;
  readonly truncated: boolean;
  /** Records a finding; returns it when kept (so a run can still be extended), else null. */
  add(finding: VerifyFinding): VerifyFinding | null;
  /** Kept findings of a check, newest first (for correlating evidence between passes). */
  recent(check: VerifyFinding['check'], kind: VerifyFindingKind): Iterable<VerifyFinding>;
  /** Changes a kept finding's kind once later evidence explains it (the counts follow). */
  reclassify(finding: VerifyFinding, kind: VerifyFindingKind): void;
  /** Counts `n` findings of `kind` found elsewhere beyond the kept ones (a worker's overflow): as add() past the cap does. */
  countUnkept(kind: VerifyFindingKind, n: number): void;
  total(): number;
}

export function createFindingSink(max = MAX_FINDINGS): FindingSink {
  const list: VerifyFinding[] = [];
  const counts = Object.fromEntries(VERIFY_FINDING_KINDS.map((k) => [k, 0])) as Record<VerifyFindingKind, number>;
  let truncated = false;
  return {
    list,
    counts,
    get truncated() {
      return truncated;
    },
    add(finding) {
      counts[finding.kind]++;
      if (list.length >= max) {
        truncated = true;
        return null;
      }
      list.push(finding);
      return finding;
    },
    *recent(check, kind) {
      for (let i = list.length - 1; i >= 0; i--) if (list[i].check === check && list[i].kind === kind) yield list[i];
    },
    reclassify(finding, kind) {
      counts[finding.kind]--;
      counts[kind]++;
      finding.kind = kind;
    },
    countUnkept(kind, n) {
      if (n <= 0) return;
      counts[kind] += n;
      truncated = true;
    },
    total: () => Object.values(counts).reduce((a, b) => a + b, 0),
  };
}
