// The English catalog: one file per area, so parallel work on different screens does not collide.
import { common } from './common.ts';

export const en = {
  ...common,
} as const;
