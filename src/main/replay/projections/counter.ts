// Counter: the smallest event-sourced model. Two increments of 5 and 10 replay to 15.
import { numberField, type Projection } from '../projection.ts';

export const counterProjection: Projection<number> = {
  name: 'counter',
  version: 1,
  description: 'Sums increment / decrement amounts; reset sets it back to 0 (or to data.value).',
  appliesTo: (_streamId, category) => category === 'counter',
  initialState: () => 0,
  noRestoredObjects: true,
  handles: new Set(['increment', 'decrement', 'reset']),
  evolve(state, event) {
    switch (event.type) {
      case 'increment':
        return state + numberField(event, 'amount');
      case 'decrement':
        return state - numberField(event, 'amount');
      case 'reset': {
        const value = (event.data as { value?: unknown } | null)?.value;
        return typeof value === 'number' ? value : 0;
      }
      default:
        return state;
    }
  },
};
