import { EntityManager } from '@mikro-orm/postgresql';
import { DemandService } from '../../../../libs/demands/demand.service.js';
import { Department } from '../../../../libs/database/entities/index.js';
import { writeDemandSurvey } from '../../../../libs/catalog/excel/demand-survey.js';
import {
  Controller,
  Get,
  HttpCode,
  Post,
  Query,
  Res,
  StreamableFile,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import type { Workbook } from 'exceljs';
import { z } from 'zod';
import type { Principal } from '../../../../libs/auth/principal.js';
import { CatalogQueries } from '../../../../libs/catalog/catalog-queries.js';
import { blankResourceForm, writeResourceForms } from '../../../../libs/catalog/excel/resource-form.js';
import { MAX_SHEETS, XLSX_MEDIA_TYPE, xlsxBuffer } from '../../../../libs/catalog/excel/workbook-io.js';
import { InvalidInputError } from '../../../../libs/domain/errors.js';
import { AuditLog } from '../../../../libs/audit/audit-log.service.js';
import { CurrentUser } from '../auth/auth.decorators.js';
import { Problems, Responds, RespondsFile } from '../common/contract.js';
import { paginationSchema, ZodPipe } from '../common/zod.js';
import { importReportSchema, searchSchema } from './catalog.schemas.js';
import { ImportResourceForms } from './import-resource-forms.usecase.js';

const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;

/** The search's filters; one export holds up to MAX_SHEETS resources (a sheet each), the next ones come with `offset`. */
const exportSchema = searchSchema.extend({
  limit: z.coerce.number().int().min(1).max(MAX_SHEETS).default(MAX_SHEETS),
});

/** What multer hands over for one file kept in memory (its typings, @types/multer, are not installed). */
interface UploadedXlsx {
  buffer: Buffer;
  originalname: string;
  size: number;
}

const FORM_LAYOUT = [
  'One sheet per resource. Row 1: title. Rows 2–11: label in column A, value in column B — 信息资源名称, 信息资源摘要, 所属目录,',
  '信息资源分类, 共享类型, 不予共享依据, 共享方式 (several, separated by 、), 开放属性, 更新周期, 是否涉密.',
  'Row 13: the field table header 序号 | 字段名称 | 字段描述 | 数据类型 | 数据长度 | 计量单位 | 开放属性; one data item per row below.',
  'Download the template from GET /catalog/imports/template.',
].join(' ');

/**
 * The 数据提供调查表 (seed 004, attachment 3) as Excel: a department imports its resources from the
 * form, downloads the blank form, and exports what it may see of the catalog in the same shape.
 */
const DEMAND_ANSWER_WORDS = { will_provide: '将提供', exists: '已有资源', cannot: '无法提供' } as const;
const demandExportSchema = paginationSchema.extend({
  status: z.enum(['open', 'answered']).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(1000),
});

async function xlsxFile(workbook: Workbook, asciiName: string, name: string): Promise<StreamableFile> {
  const body = await xlsxBuffer(workbook);
  return new StreamableFile(body, {
    type: XLSX_MEDIA_TYPE,
    length: body.length,
    disposition: `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(name)}`,
  });
}

@ApiTags('catalog')
@ApiBearerAuth()
@Controller('catalog')
export class CatalogExcelController {
  constructor(
    private readonly importForms: ImportResourceForms,
    private readonly queries: CatalogQueries,
    private readonly demands: DemandService,
    private readonly em: EntityManager,
    private readonly audit: AuditLog,
  ) {}

  /** Creates a draft of the caller's department for each valid sheet, and reports on every sheet row by row. */
  @Post('imports')
  @HttpCode(200)
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1 } }))
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    description: FORM_LAYOUT,
    schema: {
      type: 'object',
      required: ['file'],
      properties: {
        file: { type: 'string', format: 'binary', description: `.xlsx, at most ${MAX_UPLOAD_BYTES} bytes` },
      },
    },
  })
  @Responds(importReportSchema)
  @Problems(400, 403, 413)
  import(@CurrentUser() user: Principal, @UploadedFile() file: UploadedXlsx | undefined) {
    if (!file)
      throw new InvalidInputError('no file: send the .xlsx as the multipart/form-data field "file"', [
        { field: 'file', message: 'required' },
      ]);
    return this.importForms.execute(user, file.buffer);
  }

  /** The blank 数据提供调查表, written by the code that reads it back. */
  @Get('imports/template')
  @ApiProduces(XLSX_MEDIA_TYPE)
  @RespondsFile(XLSX_MEDIA_TYPE)
  template() {
    return xlsxFile(blankResourceForm(), 'resource-form-template.xlsx', '数据提供调查表（模板）.xlsx');
  }

  /** What `GET /catalog/resources` finds with the same filters, one 数据提供调查表 sheet per resource; `x-total-count` tells whether more remain. */
  @Get('exports/resources')
  @ApiProduces(XLSX_MEDIA_TYPE)
  @RespondsFile(XLSX_MEDIA_TYPE)
  async exportResources(
    @CurrentUser() user: Principal,
    @Query(new ZodPipe(exportSchema)) query: z.infer<typeof exportSchema>,
    @Res({ passthrough: true }) response: Response,
  ) {
    const { items, total } = await this.queries.search(user, query);
    const confidential = items.filter((item) => item.confidential).map((item) => item.id);
    if (confidential.length > 0) {
      await this.audit.confidentialRead(user, 'confidential_export', { type: 'catalog_export', id: 'resources' }, { resourceIds: confidential, query });
    }
    response.setHeader('x-total-count', String(total));
    return xlsxFile(writeResourceForms(items), 'catalog-resources.xlsx', '政务信息资源目录.xlsx');
  }

  /** The data demands the caller may see, in the shape of seed 004's 数据需求调研表 (attachment 2). */
  @Get('exports/demands')
  @ApiProduces(XLSX_MEDIA_TYPE)
  @RespondsFile(XLSX_MEDIA_TYPE)
  async exportDemands(
    @CurrentUser() user: Principal,
    @Query(new ZodPipe(demandExportSchema)) query: z.infer<typeof demandExportSchema>,
    @Res({ passthrough: true }) response: Response,
  ) {
    const { items, total } = await this.demands.visible(user, query);
    const names = new Map(
      (
        await this.em.find(Department, {
          id: { $in: items.flatMap((d) => [d.requesterDepartmentId, d.expectedProviderDepartmentId]) },
        })
      ).map((d) => [d.id, d.name]),
    );
    response.setHeader('x-total-count', String(total));
    const rows = items.map((demand) => ({
      dataName: demand.dataName,
      expectedProviderName: names.get(demand.expectedProviderDepartmentId) ?? '',
      content: demand.content,
      purpose: demand.purpose,
      updateFrequency: demand.updateFrequency,
      requesterName: names.get(demand.requesterDepartmentId) ?? '',
      status: demand.status === 'answered' ? DEMAND_ANSWER_WORDS[demand.answer!] : '待答复',
    }));
    return xlsxFile(writeDemandSurvey(rows), 'data-demands.xlsx', '数据需求调研表.xlsx');
  }
}
