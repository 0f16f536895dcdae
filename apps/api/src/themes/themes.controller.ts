import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import type { Principal } from '../../../../libs/auth/principal.js';
import { ThemeLibrary } from '../../../../libs/themes/theme-library.js';
import { CurrentUser } from '../auth/auth.decorators.js';
import { openApiSchema, ZodPipe } from '../common/zod.js';

const themeSchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
  description: z.string().trim().max(2000).default(''),
  leadDepartmentId: z.uuid(),
  expectedItems: z.array(z.string().trim().min(1).max(100)).max(500).default([]),
});
const addSchema = z.strictObject({ resourceId: z.uuid() });
const decisionSchema = z.strictObject({ outcome: z.enum(['accept', 'refuse']) });

/** Theme libraries (主题资源库, seed 003 二(二)): resources of several departments under a theme and its lead department. */
@ApiTags('themes')
@ApiBearerAuth()
@Controller('themes')
export class ThemesController {
  constructor(private readonly themes: ThemeLibrary) {}

  @Post()
  @ApiBody({ schema: openApiSchema(themeSchema) })
  define(@CurrentUser() user: Principal, @Body(new ZodPipe(themeSchema)) body: z.infer<typeof themeSchema>) {
    return this.themes.define(user, body);
  }

  @Get()
  list() {
    return this.themes.list();
  }

  @Get(':id')
  view(@Param('id', ParseUUIDPipe) id: string) {
    return this.themes.view(id);
  }

  /** The info office or the lead department adds a published resource; its provider proposes it. */
  @Post(':id/resources')
  @ApiBody({ schema: openApiSchema(addSchema) })
  add(@CurrentUser() user: Principal, @Param('id', ParseUUIDPipe) id: string, @Body(new ZodPipe(addSchema)) body: z.infer<typeof addSchema>) {
    return this.themes.add(user, id, body.resourceId);
  }

  @Post(':id/resources/:resourceId/decision')
  @ApiBody({ schema: openApiSchema(decisionSchema) })
  decide(
    @CurrentUser() user: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('resourceId', ParseUUIDPipe) resourceId: string,
    @Body(new ZodPipe(decisionSchema)) body: z.infer<typeof decisionSchema>,
  ) {
    return this.themes.decide(user, id, resourceId, body.outcome);
  }
}
