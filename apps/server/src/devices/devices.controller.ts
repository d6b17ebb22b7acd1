import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Device, DeviceCreated } from '@vigil/shared';
import { Access, CurrentPrincipal } from '../auth/access.decorator';
import { actorOf, type Principal } from '../auth/principal';
import { DevicesService } from './devices.service';
import { CreateDeviceDto } from './dto/create-device.dto';

@ApiTags('devices')
@ApiBearerAuth()
@Controller('devices')
@Access({ roles: ['admin'] })
export class DevicesController {
  constructor(private readonly devices: DevicesService) {}

  @Post()
  @HttpCode(201)
  register(
    @CurrentPrincipal() principal: Principal,
    @Body() body: CreateDeviceDto,
  ): Promise<DeviceCreated> {
    return this.devices.register(actorOf(principal), body);
  }

  @Get()
  list(): Promise<Device[]> {
    return this.devices.list();
  }

  @Post(':id/revoke')
  @HttpCode(200)
  revoke(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<Device> {
    return this.devices.revoke(actorOf(principal), id);
  }
}
