import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthSessionEntity } from '../auth/auth-session.entity';
import { CliniciansController } from './clinicians.controller';
import { IdentityBootstrap } from './identity-bootstrap';
import { PasswordHasher } from './password-hasher';
import { UserEntity } from './user.entity';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

@Module({
  imports: [TypeOrmModule.forFeature([UserEntity, AuthSessionEntity])],
  controllers: [UsersController, CliniciansController],
  providers: [UsersService, PasswordHasher, IdentityBootstrap],
  exports: [UsersService, PasswordHasher],
})
export class UsersModule {}
