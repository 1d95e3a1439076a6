import { type Inline, parseMarkup } from '@portalflow/engine/text';
import { Fragment } from 'react';
import { WithPhoneLinks } from './PhoneLinks.tsx';

function isExternal(href: string) {
  return href.startsWith('https://');
}

function InlineView({ inline }: { inline: Inline }) {
  if (inline.kind === 'strong')
    return (
      <strong>
        <WithPhoneLinks text={inline.text} />
      </strong>
    );
  if (inline.kind === 'text') return <WithPhoneLinks text={inline.text} />;
  if (!isExternal(inline.href)) return <a href={inline.href}>{inline.text}</a>;
  return (
    <a href={inline.href} target="_blank" rel="noopener noreferrer">
      {inline.text}
      <span className="pf-visually-hidden"> (opens in a new tab)</span>
    </a>
  );
}

const Line = ({ inlines }: { inlines: Inline[] }) => (
  <>
    {inlines.map((inline, i) => (
      // biome-ignore lint/suspicious/noArrayIndexKey: inlines of one line never reorder
      <InlineView key={i} inline={inline} />
    ))}
  </>
);

/**
 * Help text (the Markdown subset of `parseMarkup`) as elements. Every piece of text is a React text
 * node and every link was checked by `safeHref`: nothing from the database is ever parsed as HTML.
 */
export function RichText({ source, className }: { source: string; className?: string }) {
  const blocks = parseMarkup(source);
  return (
    <div className={className ?? 'pf-rich-text'}>
      {blocks.map((block, b) => {
        if (block.kind === 'paragraph') {
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: blocks of one text never reorder
            <p key={b}>
              {block.lines.map((line, l) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: lines of one paragraph never reorder
                <Fragment key={l}>
                  {l > 0 && <br />}
                  <Line inlines={line} />
                </Fragment>
              ))}
            </p>
          );
        }
        const items = block.items.map((item, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: items of one list never reorder
          <li key={i}>
            <Line inlines={item} />
          </li>
        ));
        // biome-ignore lint/suspicious/noArrayIndexKey: blocks of one text never reorder
        return block.ordered ? <ol key={b}>{items}</ol> : <ul key={b}>{items}</ul>;
      })}
    </div>
  );
}
