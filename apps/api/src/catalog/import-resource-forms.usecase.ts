import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { AccessPolicy } from '../../../../libs/auth/access-policy.js';
import type { Principal } from '../../../../libs/auth/principal.js';
import { readResourceForms, type FormProblem } from '../../../../libs/catalog/excel/resource-form-reader.js';
import { loadXlsx } from '../../../../libs/catalog/excel/workbook-io.js';
import { CatalogService } from '../../../../libs/catalog/catalog.service.js';
import { resourceSchema } from './catalog.schemas.js';

export type ImportedSheet =
  | { sheet: string; status: 'created'; resourceId: string; identifier: string; name: string; dataItemCount: number }
  | { sheet: string; status: 'rejected'; problems: FormProblem[] }
  | { sheet: string; status: 'skipped'; reason: string };

export interface ImportReport {
  created: number;
  rejected: number;
  skipped: number;
  sheets: ImportedSheet[];
}

/**
 * Registers a draft resource of the caller's department for every valid sheet of a 数据提供调查表
 * workbook, through the same createDraft as `POST /catalog/resources`; a sheet with any problem
 * creates nothing, and the report says why, row by row.
 */
@Injectable()
export class ImportResourceForms {
  constructor(
    private readonly em: EntityManager,
    private readonly catalog: CatalogService,
    private readonly access: AccessPolicy,
  ) {}

  async execute(principal: Principal, upload: Buffer): Promise<ImportReport> {
    this.access.requireDepartmentMember(principal, principal.departmentId, 'importing resources');
    const readings = readResourceForms(await loadXlsx(upload), resourceSchema);
    // One transaction (createDraft's own nest in it): should the database fail half-way, the import
    // creates nothing rather than answering with an error after creating some.
    const sheets = await this.em.transactional(async () => {
      const outcomes: ImportedSheet[] = [];
      for (const reading of readings) {
        if (reading.status === 'valid') {
          const resource = await this.catalog.createDraft(principal.departmentId, principal.id, reading.metadata);
          const { name, dataItems } = reading.metadata;
          outcomes.push({ sheet: reading.sheet, status: 'created', resourceId: resource.id, identifier: resource.identifier, name, dataItemCount: dataItems.length });
        } else if (reading.status === 'invalid') {
          outcomes.push({ sheet: reading.sheet, status: 'rejected', problems: reading.problems });
        } else {
          outcomes.push({ sheet: reading.sheet, status: 'skipped', reason: reading.reason });
        }
      }
      return outcomes;
    });
    const count = (status: ImportedSheet['status']) => sheets.filter((sheet) => sheet.status === status).length;
    return { created: count('created'), rejected: count('rejected'), skipped: count('skipped'), sheets };
  }
}
