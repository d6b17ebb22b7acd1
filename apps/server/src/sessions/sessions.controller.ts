import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Session } from '@vigil/shared';
import { CreateSessionDto } from './dto/create-session.dto';
import { ListSessionsQuery } from './dto/list-sessions.query';
import { SessionsService } from './sessions.service';

@ApiTags('sessions')
@Controller('sessions')
export class SessionsController {
  constructor(private readonly sessions: SessionsService) {}

  @Post()
  @HttpCode(201)
  create(@Body() body: CreateSessionDto): Promise<Session> {
    return this.sessions.create(body);
  }

  @Get()
  list(@Query() query: ListSessionsQuery): Promise<Session[]> {
    return this.sessions.list(query);
  }

  @Get(':id')
  get(@Param('id', ParseUUIDPipe) id: string): Promise<Session> {
    return this.sessions.get(id);
  }
}
