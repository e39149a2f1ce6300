import { describe, expect, it } from 'vitest';
import { toCopyCsvLine } from './copy-csv';

describe('toCopyCsvLine', () => {
  it('writes NULL as an unquoted empty field and quotes what COPY would split', () => {
    expect(toCopyCsvLine([null, '', 'a,b', 'say "hi"', 'two\nlines', 12.5, true, false, 'plain'])).toBe(
      ',"","a,b","say ""hi""","two\nlines",12.5,t,f,plain\n',
    );
  });
});
