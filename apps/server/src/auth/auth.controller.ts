import { Body, Controller, Get, HttpCode, Ip, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ALL_ROLES, type AuthResponse, type User } from '@vigil/shared';
import { LoginThrottle } from '../throttling/login-throttle';
import { Access, CurrentPrincipal, Public } from './access.decorator';
import { AuthService } from './auth.service';
import { LoginDto } from './dto/login.dto';
import type { UserPrincipal } from './principal';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @Public()
  @LoginThrottle()
  @HttpCode(200)
  login(@Body() body: LoginDto, @Ip() ip: string): Promise<AuthResponse> {
    return this.auth.login(body, ip);
  }

  @Post('refresh')
  @Access({ roles: ALL_ROLES })
  @ApiBearerAuth()
  @HttpCode(200)
  refresh(@CurrentPrincipal() principal: UserPrincipal): Promise<AuthResponse> {
    return this.auth.refresh(principal);
  }

  @Post('logout')
  @Access({ roles: ALL_ROLES })
  @ApiBearerAuth()
  @HttpCode(204)
  logout(@CurrentPrincipal() principal: UserPrincipal): Promise<void> {
    return this.auth.logout(principal);
  }

  @Get('me')
  @Access({ roles: ALL_ROLES })
  @ApiBearerAuth()
  me(@CurrentPrincipal() principal: UserPrincipal): User {
    return {
      id: principal.userId,
      username: principal.username,
      displayName: principal.displayName,
      role: principal.role,
    };
  }
}
