import type { NextFunction, Request, Response } from 'express';
import { describe, expect, it } from 'vitest';
import { bearerTokenOf, requestIdOf } from './api-request';
import { requestIdMiddleware } from './request-id.middleware';

function run(given?: string) {
  const req = { headers: given === undefined ? {} : { 'x-request-id': given } } as unknown as Request;
  const headers: Record<string, string> = {};
  const res = { setHeader: (name: string, value: string) => (headers[name] = value) } as unknown as Response;
  let called = false;
  requestIdMiddleware(req, res, (() => (called = true)) as NextFunction);
  return { id: requestIdOf(req), echoed: headers['x-request-id'], called };
}

describe('requestIdMiddleware', () => {
  it('keeps a sane caller id and echoes it', () => {
    expect(run('client-123.abc:def')).toEqual({ id: 'client-123.abc:def', echoed: 'client-123.abc:def', called: true });
  });

  it.each([undefined, '', 'has space', 'x'.repeat(129), 'line\nbreak', '{"json":1}'])('replaces %j with a generated uuid', (given) => {
    const { id, echoed } = run(given);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(echoed).toBe(id);
  });
});

describe('bearerTokenOf', () => {
  it('reads the token of a Bearer header and nothing else', () => {
    expect(bearerTokenOf('Bearer bis_abc')).toBe('bis_abc');
    expect(bearerTokenOf('bearer  bis_abc ')).toBe('bis_abc');
    expect(bearerTokenOf('Basic dXNlcjpwYXNz')).toBeNull();
    expect(bearerTokenOf('Bearer a b')).toBeNull();
    expect(bearerTokenOf(undefined)).toBeNull();
  });
});
