import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DevicesModule } from '../devices/devices.module';
import { UsersModule } from '../users/users.module';
import { AccessGuard } from './access.guard';
import { AuthSessionEntity } from './auth-session.entity';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { Authenticator } from './authenticator';
import { LoginAttemptEntity } from './login-attempt.entity';
import { LoginAttempts } from './login-attempts';
import { RejectedCredentials } from './rejected-credentials';
import { SigningKey } from './signing-key';
import { WsAccessGuard } from './ws-access.guard';

@Module({
  imports: [
    TypeOrmModule.forFeature([AuthSessionEntity, LoginAttemptEntity]),
    JwtModule.register({}),
    UsersModule,
    DevicesModule,
  ],
  controllers: [AuthController],
  providers: [
    AuthService,
    SigningKey,
    LoginAttempts,
    RejectedCredentials,
    Authenticator,
    AccessGuard,
    WsAccessGuard,
  ],
  exports: [AuthService, Authenticator, RejectedCredentials, AccessGuard, WsAccessGuard],
})
export class AuthModule {}
