import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Injectable } from '@nestjs/common';
import Handlebars from 'handlebars';

const TEMPLATE_ROOT = fileURLToPath(new URL('./templates/', import.meta.url));
const TEMPLATE_NAME = /^[a-z0-9-]+(\/[a-z0-9-]+)*$/;

const shanghaiDateTime = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/**
 * Renders the official documents and messages (zh-CN) from the Handlebars templates under
 * ./templates. One isolated Handlebars instance: helpers registered here cannot leak elsewhere,
 * and `{{value}}` always escapes (templates never use the unescaped `{{{value}}}`).
 */
@Injectable()
export class DocumentRenderer {
  private readonly handlebars = Handlebars.create();
  private readonly compiled = new Map<string, Promise<HandlebarsTemplateDelegate>>();

  constructor() {
    this.handlebars.registerHelper('datetime', (value: unknown) =>
      value ? shanghaiDateTime.format(new Date(value as string)) : '',
    );
    this.handlebars.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  }

  async render(name: string, data: Record<string, unknown>): Promise<string> {
    if (!TEMPLATE_NAME.test(name)) throw new Error(`invalid template name '${name}'`);
    let template = this.compiled.get(name);
    if (!template) {
      template = readFile(join(TEMPLATE_ROOT, `${name}.hbs`), 'utf8').then((source) =>
        this.handlebars.compile(source, { noEscape: false }),
      );
      this.compiled.set(name, template);
      template.catch(() => this.compiled.delete(name));
    }
    return (await template)(data);
  }
}
