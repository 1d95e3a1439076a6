import { readFileSync } from 'node:fs';
import { MantineProvider } from '@mantine/core';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { TwoFactorHelp } from '../src/auth/TwoFactorHelp.tsx';

const root = new URL('../../../', import.meta.url);
const readme = readFileSync(new URL('README.md', root), 'utf8');
const { packageManager } = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as {
  packageManager: string;
};

const decode = (html: string) => html.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

describe('the sign-in tip for trying the demo without a phone', () => {
  it("gives the command that works after the README's quick start", () => {
    const html = renderToStaticMarkup(
      <MantineProvider>
        <TwoFactorHelp demo />
      </MantineProvider>,
    );
    const command = decode(/<code[^>]*>(.*?)<\/code>/.exec(html)?.[1] ?? '');
    // The README sets up with `npx -y pnpm@…` only: no pnpm on the PATH.
    expect(command).toBe(`npx -y ${packageManager} portalflow totp <setup key>`);
    expect(readme).toContain(`\`${command}\``);
  });

  it('is not shown outside the demo', () => {
    const html = renderToStaticMarkup(
      <MantineProvider>
        <TwoFactorHelp demo={false} />
      </MantineProvider>,
    );
    expect(html).not.toContain('<code');
  });
});
