import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { decodeEventRow, type EventRow } from '../../../main/store/decode.ts';
import { JsonTree } from './JsonTree.tsx';

describe('JsonTree shows numbers as stored', () => {
  it('big integers, -0, 1e-400 and 1.0 appear as written, not as their JS numbers', () => {
    const dataText = '{"big":12345678901234567890,"list":[-0,1e-400,1.0,7],"a/b":{"x~":1E+400}}';
    const row: EventRow = [1, 'e1', 's', 1, 'T', dataText, '{"n":-0}', 0, null];
    const event = decodeEventRow(row);
    expect(event.numbersAsWritten).toEqual({
      data: { '/big': '12345678901234567890', '/list/0': '-0', '/list/1': '1e-400', '/list/2': '1.0', '/a~1b/x~0': '1E+400' },
      metadata: { '/n': '-0' },
    });
    const html = renderToStaticMarkup(createElement(JsonTree, { value: event.data, openDepth: 5, numbersAsWritten: event.numbersAsWritten?.data }));
    for (const text of ['12345678901234567890', '>-0<', '1e-400', '1.0', '1E+400', '>7<']) expect(html).toContain(text);
    expect(html).not.toContain('>12345678901234567000<'); // (the title says what JS would read)
    // Nothing to substitute: no field at all (the common case costs one scan).
    expect(decodeEventRow([2, 'e2', 's', 2, 'T', '{"a":[1,2.5,"1.0"]}', '{}', 0, null]).numbersAsWritten).toBeUndefined();
  });
});
