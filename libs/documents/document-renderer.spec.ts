import { DocumentRenderer } from './document-renderer.service.js';

describe('DocumentRenderer', () => {
  const renderer = new DocumentRenderer();

  it('renders a zh-CN template with times in Asia/Shanghai', async () => {
    const html = await renderer.render('notifications/task-opened', {
      title: '共享申请审核',
      dueAt: '2026-02-24T15:59:59.999Z',
      link: 'https://example.gov/tasks/1',
    });
    expect(html).toContain('共享申请审核');
    expect(html).toContain('2026/02/24 23:59');
    expect(html).toContain('href="https://example.gov/tasks/1"');
  });

  it('escapes user-supplied values', async () => {
    const html = await renderer.render('notifications/task-opened', { title: '<script>alert(1)</script>', dueAt: null, link: '"><img>' });
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
    expect(html).not.toContain('"><img>');
  });

  it('refuses an unknown template and a template name outside the template folder', async () => {
    await expect(renderer.render('notifications/no-such-template', {})).rejects.toThrow(/ENOENT/);
    await expect(renderer.render('../secrets', {})).rejects.toThrow(/invalid template name/);
  });
});

describe('templates', () => {
  it('never print a value unescaped', async () => {
    const { readdir, readFile } = await import('node:fs/promises');
    const root = new URL('./templates/', import.meta.url);
    const files = (await readdir(root, { recursive: true })).filter((file) => file.endsWith('.hbs'));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect([file, await readFile(new URL(file, root), 'utf8')]).not.toEqual([file, expect.stringContaining('{{{')]);
  });
});
