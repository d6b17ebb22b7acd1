import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { UserAccount } from '@vigil/shared';
import { Access, CurrentPrincipal } from '../auth/access.decorator';
import { actorOf, type Principal } from '../auth/principal';
import { CreateUserDto, UpdateUserDto } from './dto/user.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
@Access({ roles: ['admin'] })
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @HttpCode(201)
  create(
    @CurrentPrincipal() principal: Principal,
    @Body() body: CreateUserDto,
  ): Promise<UserAccount> {
    return this.users.create(actorOf(principal), body);
  }

  @Get()
  list(): Promise<UserAccount[]> {
    return this.users.list();
  }

  @Patch(':id')
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateUserDto,
  ): Promise<UserAccount> {
    return this.users.update(actorOf(principal), id, body);
  }
}
