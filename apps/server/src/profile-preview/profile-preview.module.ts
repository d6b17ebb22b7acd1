import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SessionEntity } from '../sessions/session.entity';
import { SessionsModule } from '../sessions/sessions.module';
import { ProfilePreviewController } from './profile-preview.controller';
import { ProfilePreviewService } from './profile-preview.service';

/**
 * Its own module, beside threshold-profiles: it reads sessions and their readings, and the
 * sessions module already depends on the profiles.
 */
@Module({
  imports: [TypeOrmModule.forFeature([SessionEntity]), SessionsModule],
  controllers: [ProfilePreviewController],
  providers: [ProfilePreviewService],
})
export class ProfilePreviewModule {}
