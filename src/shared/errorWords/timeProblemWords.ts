// Why a typed bound is not a time (timeRange.ts's problem), as error words that say its English
// `message` exactly: for main's errors (a time that is not one) and the search's after:/before:.
import type { TimeProblem } from '../timeRange.ts';
import { words, type ErrorWordKey, type ErrorWords } from './index.ts';

export function timeProblemWords(problem: TimeProblem): ErrorWords {
  const hint = words('errorWords.time.hint', {});
  switch (problem.kind) {
    case 'epochRange':
      return words('errorWords.time.problem.epochRange', { input: problem.input });
    case 'empty':
      return words('errorWords.time.problem.empty', { hint });
    case 'notTime':
      return words('errorWords.time.problem.notTime', { text: problem.text, hint });
    case 'noMonth':
      return words('errorWords.time.problem.noMonth', { date: problem.date, month: problem.month });
    case 'noDay': {
      const monthName: ErrorWords = { key: `errorWords.time.month.${problem.month}` as ErrorWordKey, facts: { year: problem.year } };
      return words('errorWords.time.problem.noDay', { date: problem.date, monthName, days: problem.days });
    }
    case 'timeOfDay':
      return words('errorWords.time.problem.timeOfDay', { text: problem.text });
    case 'zoneOffset':
      return words('errorWords.time.problem.zoneOffset', { text: problem.text });
    case 'zoneWithoutTime':
      return words('errorWords.time.problem.zoneWithoutTime', { text: problem.text });
  }
}
