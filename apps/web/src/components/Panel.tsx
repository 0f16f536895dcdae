import type { CSSProperties, ReactNode } from 'react';

/**
 * A titled section of a page. Ant Design's Card would do, but it brings its Tabs along (tens of KB on the first
 * page); a section needs none of that.
 */
export function Panel({
  title,
  extra,
  children,
  style,
}: {
  title?: ReactNode;
  extra?: ReactNode;
  children: ReactNode;
  style?: CSSProperties;
}) {
  return (
    <section className="panel" style={style}>
      {(title || extra) && (
        <header className="panel-head">
          {title && <h2 className="panel-title">{title}</h2>}
          {extra && <div className="panel-extra">{extra}</div>}
        </header>
      )}
      <div className="panel-body">{children}</div>
    </section>
  );
}
