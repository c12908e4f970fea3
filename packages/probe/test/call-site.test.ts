import { describe, expect, it } from 'vitest';
import { ownCallSite } from '../src/sampler/io-tally.js';

describe('the call site of an outbound call', () => {
  const stack = [
    'Error',
    '    at IoTally.siteHere (/srv/my app/node_modules/@strata/probe/dist/sampler/io-tally.js:40:12)',
    '    at ClientRequest.end (node:_http_client:1020:3)',
    '    at request (file:///srv/my%20app/node_modules/got/dist/source/core/index.js:310:9)',
    '    at callUpstream (file:///srv/my%20app/dist/main.js:21:6)',
    '    at Server.<anonymous> (file:///srv/my%20app/dist/main.js:33:38)',
  ].join('\n');

  it("is the first frame of the service's own code, as file:line:column relative to its root", () => {
    expect(ownCallSite(stack, '/srv/my app')).toBe('dist/main.js:21:6');
  });

  it('is absolute when the code lies outside the root, and missing when no own frame is on the stack', () => {
    expect(ownCallSite(stack, '/elsewhere')).toBe('/srv/my app/dist/main.js:21:6');
    expect(ownCallSite(stack.split('\n').slice(0, 4).join('\n'), '/srv/my app')).toBeUndefined();
  });
});
