import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { PreviewableSession, ProfilePreview } from '@vigil/shared';
import { Access, CurrentPrincipal } from '../auth/access.decorator';
import { actorOf, type Principal } from '../auth/principal';
import { ProfilePreviewDto } from './dto/profile-preview.dto';
import { ProfilePreviewService } from './profile-preview.service';

/** What an edited threshold profile would have raised on a recorded session, before saving it. */
@ApiTags('threshold-profiles')
@ApiBearerAuth()
@Controller('threshold-profiles/preview')
@Access({ roles: ['admin'] })
export class ProfilePreviewController {
  constructor(private readonly preview: ProfilePreviewService) {}

  /** A replay computes and changes nothing: 200, not 201. */
  @Post()
  @HttpCode(200)
  replay(
    @CurrentPrincipal() principal: Principal,
    @Body() body: ProfilePreviewDto,
  ): Promise<ProfilePreview> {
    return this.preview.replay(actorOf(principal), body);
  }

  @Get('sessions')
  sessions(@CurrentPrincipal() principal: Principal): Promise<PreviewableSession[]> {
    return this.preview.previewableSessions(actorOf(principal));
  }
}
