import { describe, expect, it } from 'vitest';
import { ApiError, fieldIssuesOf } from './api-error';

const validation = (details: Record<string, unknown>) => new ApiError('VALIDATION_FAILED', 'field "name": a segment needs a name', 400, 'req-1', null, details);

describe('fieldIssuesOf', () => {
  it('lists every issue of a validation answer', () => {
    const error = validation({
      field: 'rule.all.0.value',
      issues: [
        { field: 'rule.all.0.value', message: 'Too big' },
        { field: 'name', message: 'a segment needs a name' },
      ],
    });
    expect(fieldIssuesOf(error)).toEqual([
      { field: 'rule.all.0.value', message: 'Too big' },
      { field: 'name', message: 'a segment needs a name' },
    ]);
  });

  it('skips entries that are not issues', () => {
    expect(fieldIssuesOf(validation({ issues: [{ field: 'name' }, 'oops', { field: 'x', message: 'bad' }] }))).toEqual([{ field: 'x', message: 'bad' }]);
  });

  it('falls back to the one field the error names', () => {
    expect(fieldIssuesOf(validation({ field: 'name' }))).toEqual([{ field: 'name', message: 'field "name": a segment needs a name' }]);
  });

  it('is empty for errors that name no field', () => {
    expect(fieldIssuesOf(new ApiError('FORBIDDEN', 'no', 403, 'req-2'))).toEqual([]);
    expect(fieldIssuesOf(new Error('plain'))).toEqual([]);
    expect(fieldIssuesOf(null)).toEqual([]);
  });
});
