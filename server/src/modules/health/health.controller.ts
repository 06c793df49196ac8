import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthSchema } from '@nuancheng/shared';
import { createZodDto } from 'nestjs-zod';
import { DataSource } from 'typeorm';
import { Public } from '../../common/access/access.decorator';
import { ZodResponse } from '../../common/http/response-contract';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { databaseKind } from '../../database/data-source';

class HealthDto extends createZodDto(HealthSchema) {}
const startedAt = Date.now();

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Liveness and database status' })
  @ZodResponse({ type: HealthDto, status: 200 })
  async health(@Res({ passthrough: true }) reply: FastifyReply) {
    const started = performance.now();
    let up = true;
    try {
      await this.dataSource.query('SELECT 1');
    } catch {
      up = false;
    }
    // A load balancer takes the instance out of rotation on a non-2xx answer.
    if (!up) reply.status(503);
    return {
      status: up ? ('ok' as const) : ('degraded' as const),
      database: { status: up ? ('up' as const) : ('down' as const), type: databaseKind(this.config.databaseUrl), latencyMs: up ? Math.round((performance.now() - started) * 10) / 10 : null },
      version: '0.1.0',
      uptimeS: Math.round((Date.now() - startedAt) / 1000),
    };
  }
}
