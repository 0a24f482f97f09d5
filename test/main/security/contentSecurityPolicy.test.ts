import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, META_CONTENT_SECURITY_POLICY } from '../../../main/security/contentSecurityPolicy.ts';

const RENDERER = fileURLToPath(new URL('../../../renderer/', import.meta.url));

function metaPolicies(file: string): string[] {
  const html = readFileSync(`${RENDERER}${file}`, 'utf8');
  return [...html.matchAll(/<meta http-equiv="Content-Security-Policy" content="([^"]*)"/g)].map((match) => match[1]!);
}

describe('the Content-Security-Policy <meta> of each renderer page', () => {
  it.each(['index.html', 'public/out-of-order.html'])('%s carries the header policy, but for frame-ancestors', (file) => {
    expect(metaPolicies(file)).toEqual([META_CONTENT_SECURITY_POLICY]);
  });

  it('is the header policy without frame-ancestors, which works only as a header', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
    expect(META_CONTENT_SECURITY_POLICY).not.toContain('frame-ancestors');
    expect(CONTENT_SECURITY_POLICY.split('; ').filter((d) => !d.startsWith('frame-ancestors'))).toEqual(META_CONTENT_SECURITY_POLICY.split('; '));
  });
});
