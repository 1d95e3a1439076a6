import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Highlighted } from '../src/help/Highlighted.tsx';
import { pickLanguage } from '../src/help/public/strings.ts';
import { RichText } from '../src/help/RichText.tsx';

describe('RichText', () => {
  it('renders paragraphs, steps, bold and links as elements', () => {
    const html = renderToStaticMarkup(
      <RichText
        source={
          'Call **(555) 010-2000**.\n\n1. Open [the FAQ](/faq?q=lockout)\n2. See https://example.org/guide'
        }
      />,
    );
    // A phone number calls with one tap, bold or not.
    expect(html).toContain('<strong><a href="tel:+15550102000" class="pf-phone">(555) 010-2000</a></strong>');
    expect(html).toContain('<ol><li>Open <a href="/faq?q=lockout">the FAQ</a></li>');
    expect(html).toContain(
      '<a href="https://example.org/guide" target="_blank" rel="noopener noreferrer">https://example.org/guide<span class="pf-visually-hidden"> (opens in a new tab)</span></a>',
    );
  });

  it('links phone numbers and 911, not digits inside longer numbers', () => {
    const html = renderToStaticMarkup(
      <RichText source={'Call 555-010-2100 or 911. Chart 19115550102000, code 1-911-22.'} />,
    );
    expect(html).toContain('<a href="tel:+15550102100" class="pf-phone">555-010-2100</a>');
    expect(html).toContain('<a href="tel:911" class="pf-phone">911</a>.');
    expect(html.match(/<a /g)).toHaveLength(2);
  });

  it('shows HTML and script links from the database as text, never as markup', () => {
    const html = renderToStaticMarkup(
      <RichText
        source={'<img src=x onerror=alert(1)> [click](javascript:alert(1)) <script>alert(2)</script>'}
      />,
    );
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('href="javascript');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});

describe('Highlighted', () => {
  it('marks the matched ranges', () => {
    expect(renderToStaticMarkup(<Highlighted text="Reset your password" ranges={[[0, 5]]} />)).toBe(
      '<mark class="pf-mark">Reset</mark><span> your password</span>',
    );
  });
});

describe('the public page language', () => {
  it("follows the browser's preference when the clinic offers it, else English", () => {
    expect(pickLanguage(['en', 'es'], ['es-MX', 'en-US'])).toBe('es');
    expect(pickLanguage(['en', 'es'], ['fr-FR'])).toBe('en');
    expect(pickLanguage(['es'], ['fr-FR'])).toBe('es');
  });
});
