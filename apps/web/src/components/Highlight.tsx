import { Fragment } from 'react';

/** The text with each search term marked (the catalog matches Chinese substrings, so do the marks). */
export function Highlight({ text, query }: { text: string; query?: string }) {
  const terms = (query ?? '').split(/\s+/).filter(Boolean);
  if (terms.length === 0) return <>{text}</>;
  const escaped = terms.map((term) => term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const parts = text.split(new RegExp(`(${escaped.join('|')})`, 'gi'));
  return (
    <>
      {parts.map((part, index) =>
        index % 2 === 1 ? <mark key={index}>{part}</mark> : <Fragment key={index}>{part}</Fragment>,
      )}
    </>
  );
}
