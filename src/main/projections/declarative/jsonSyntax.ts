// Where a text stops being JSON, and why, for a file JSON.parse refused: V8 gives a position for
// some mistakes and only an excerpt for others, and the people who write these files need a line
// and a column for every one (and a word about the usual slips: a trailing comma, a comment).
// A validating scan, iterative (a stack of open brackets), so no text can overflow it.

export interface JsonSyntaxProblem {
  offset: number;
  message: string;
}

const WS = new Set([' ', '\t', '\n', '\r']);
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const STRING_END = /(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;

function shown(c: string | undefined): string {
  if (c === undefined) return 'the end of the file';
  return JSON.stringify(c);
}

/** The first syntax problem of `text`; null when it is valid JSON. */
export function findJsonSyntaxProblem(text: string): JsonSyntaxProblem | null {
  let i = 0;
  const n = text.length;
  // What is open: '{' or '['; `expect` is what may come next.
  const stack: ('{' | '[')[] = [];
  type Expect = 'value' | 'key' | 'colon' | 'after-value' | 'first-key' | 'first-value';
  let expect: Expect = 'value';
  const problem = (message: string, at = i): JsonSyntaxProblem => ({ offset: at, message });
  const skip = () => {
    while (i < n && WS.has(text[i])) i++;
  };

  const unexpected = (wanted: string): JsonSyntaxProblem => {
    const c = text[i];
    if ((c === '}' || c === ']') && commaJustRead) return problem(`a comma before ${c} (JSON allows no comma after the last entry)`, lastComma);
    if (c === "'") return problem('texts and keys take double quotes (") in JSON');
    return problem(`expected ${wanted} but found ${shown(c)}`);
  };
  let lastComma = 0;
  let afterComma = false;
  let commaJustRead = false;

  for (;;) {
    skip();
    if (text[i] === '/' && (text[i + 1] === '/' || text[i + 1] === '*')) return problem('JSON has no comments (a rule may have a "comment" field instead)');
    // Whether the last thing read was a comma (for the trailing-comma hint).
    commaJustRead = afterComma;
    afterComma = false;
    if (expect === 'after-value' && stack.length === 0) {
      return i < n ? problem(`expected the end of the file but found ${shown(text[i])} (a file holds one JSON object)`) : null;
    }
    const c = text[i];
    if (expect === 'value' || expect === 'first-value') {
      if (expect === 'first-value' && c === ']') {
        stack.pop();
        i++;
        expect = 'after-value';
        continue;
      }
      if (c === '{') {
        stack.push('{');
        i++;
        expect = 'first-key';
      } else if (c === '[') {
        stack.push('[');
        i++;
        expect = 'first-value';
      } else if (c === '"') {
        STRING_END.lastIndex = i + 1;
        if (!STRING_END.test(text)) return problem('a text that is never closed, or has a line break or a bad \\ escape in it');
        i = STRING_END.lastIndex;
        expect = 'after-value';
      } else if (c !== undefined && (c === '-' || (c >= '0' && c <= '9'))) {
        NUMBER.lastIndex = i;
        if (!NUMBER.test(text)) return problem('a number that is not written the JSON way');
        i = NUMBER.lastIndex;
        expect = 'after-value';
      } else if (text.startsWith('true', i) || text.startsWith('null', i)) {
        i += 4;
        expect = 'after-value';
      } else if (text.startsWith('false', i)) {
        i += 5;
        expect = 'after-value';
      } else return unexpected('a value');
      continue;
    }
    if (expect === 'key' || expect === 'first-key') {
      if (expect === 'first-key' && c === '}') {
        stack.pop();
        i++;
        expect = 'after-value';
        continue;
      }
      if (c !== '"') return unexpected('a key in double quotes');
      STRING_END.lastIndex = i + 1;
      if (!STRING_END.test(text)) return problem('a key that is never closed, or has a line break or a bad \\ escape in it');
      i = STRING_END.lastIndex;
      expect = 'colon';
      continue;
    }
    if (expect === 'colon') {
      if (c !== ':') return unexpected('a colon (:) after the key');
      i++;
      expect = 'value';
      continue;
    }
    // after a value inside an object or a list
    const open = stack[stack.length - 1];
    if (c === ',') {
      lastComma = i;
      afterComma = true;
      i++;
      expect = open === '{' ? 'key' : 'value';
    } else if ((c === '}' && open === '{') || (c === ']' && open === '[')) {
      stack.pop();
      i++;
    } else if (c === undefined) return problem(`the file ends before this ${open === '{' ? 'object' : 'list'} is closed with ${open === '{' ? '}' : ']'}`);
    else return problem(`expected a comma or ${open === '{' ? '}' : ']'} but found ${shown(c)}`);
  }
}
