import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuditEntry, AuditVerification } from '@vigil/shared';
import { Access } from '../auth/access.decorator';
import { AuditService } from './audit.service';
import { AuditQueryDto } from './dto/audit-query.dto';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
@Access({ roles: ['auditor', 'admin'] })
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  list(@Query() query: AuditQueryDto): Promise<AuditEntry[]> {
    return this.audit.list(query);
  }

  @Get('verify')
  verify(): Promise<AuditVerification> {
    return this.audit.verify();
  }
}
