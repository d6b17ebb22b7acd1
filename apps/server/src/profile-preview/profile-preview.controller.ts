import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import {
  profilePreviewRequestSchema,
  type PreviewableSession,
  type ProfilePreview,
  type ProfilePreviewRequest,
} from '@vigil/shared';
import { Access, CurrentPrincipal } from '../auth/access.decorator';
import { actorOf, type Principal } from '../auth/principal';
import { ClinicalLimitsPipe } from '../threshold-profiles/clinical-limits.pipe';
import { ProfilePreviewDto } from './dto/profile-preview.dto';
import { ProfilePreviewService } from './profile-preview.service';

/**
 * What an edited threshold profile would have raised on a recorded session, before saving it.
 * Physicians only: they set the limits, and a replay reads a patient's readings.
 */
@ApiTags('threshold-profiles')
@ApiBearerAuth()
@Controller('threshold-profiles/preview')
@Access({ roles: ['physician'] })
export class ProfilePreviewController {
  constructor(private readonly preview: ProfilePreviewService) {}

  /** A replay computes and changes nothing: 200, not 201. */
  @Post()
  @HttpCode(200)
  @ApiBody({ type: ProfilePreviewDto })
  replay(
    @CurrentPrincipal() principal: Principal,
    @Body(new ClinicalLimitsPipe(profilePreviewRequestSchema)) body: ProfilePreviewRequest,
  ): Promise<ProfilePreview> {
    return this.preview.replay(actorOf(principal), body);
  }

  @Get('sessions')
  sessions(@CurrentPrincipal() principal: Principal): Promise<PreviewableSession[]> {
    return this.preview.previewableSessions(actorOf(principal));
  }
}
