import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuditEntry, AuditVerification } from '@vigil/shared';
import type { Request, Response } from 'express';
import { Access, CurrentPrincipal } from '../auth/access.decorator';
import { actorOf, type Principal } from '../auth/principal';
import { withholdClinicalDetail } from './audit-redaction';
import { AuditService } from './audit.service';
import { AuditQueryDto } from './dto/audit-query.dto';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
@Access({ roles: ['auditor', 'admin'] })
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  async list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: AuditQueryDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<AuditEntry[]> {
    const entries = await this.audit.list(query);
    const last = entries.at(-1);
    if (last && entries.length === query.limit) {
      response.setHeader('Link', `<${nextPage(request, last.seq)}>; rel="next"`);
    }
    return actorOf(principal).role === 'admin' ? entries.map(withholdClinicalDetail) : entries;
  }

  @Get('verify')
  verify(): Promise<AuditVerification> {
    return this.audit.verify();
  }
}

/** The same query from where this page ended. */
function nextPage(request: Request, lastSeq: number): string {
  const url = new URL(request.originalUrl, 'http://vigil.invalid');
  url.searchParams.set('cursor', String(lastSeq));
  return `${url.pathname}${url.search}`;
}
