// Built-in projections, most specific first; the generic one is the fallback for any other stream.
import type { Projection } from '../projection.ts';
import { accountProjection } from './account.ts';
import { cartProjection } from './cart.ts';
import { counterProjection } from './counter.ts';
import { genericProjection } from './generic.ts';

export { accountProjection, cartProjection, counterProjection, genericProjection };

export const BUILT_IN_PROJECTIONS: readonly Projection<any>[] = [counterProjection, cartProjection, accountProjection];
