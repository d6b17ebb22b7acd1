import { profilePreviewRequestSchema } from '@vigil/shared';
import { createZodDto } from 'nestjs-zod';

export class ProfilePreviewDto extends createZodDto(profilePreviewRequestSchema) {}
