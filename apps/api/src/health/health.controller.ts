import { Controller, Get, HttpStatus, Inject, Logger, Res } from '@nestjs/common';
import { ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { createZodDto } from 'nestjs-zod';
import { livenessResponseSchema, readinessResponseSchema, type LivenessResponse, type ReadinessResponse } from '@banca/contracts';
import { DATABASE_HANDLE, type DatabaseHandle } from '@banca/db';
import { JOB_QUEUE_TOKEN, type JobQueue } from '@banca/queue';
import { Public } from '../common/auth.decorators';

class LivenessResponseDto extends createZodDto(livenessResponseSchema) {}
class ReadinessResponseDto extends createZodDto(readinessResponseSchema) {}

/** A dependency that has not answered by then counts as down: probes must answer quickly. */
const CHECK_TIMEOUT_MS = 3_000;

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  private readonly logger = new Logger(HealthController.name);

  constructor(
    @Inject(DATABASE_HANDLE) private readonly database: DatabaseHandle,
    @Inject(JOB_QUEUE_TOKEN) private readonly queue: JobQueue,
  ) {}

  /** The process is up and serving HTTP. */
  @Get('live')
  @ApiResponse({ status: HttpStatus.OK, type: LivenessResponseDto })
  live(): LivenessResponse {
    return { status: 'ok' };
  }

  /** Ready for traffic: the database and the job queue answer. 503 names what does not. */
  @Get('ready')
  @ApiResponse({ status: HttpStatus.OK, type: ReadinessResponseDto })
  @ApiResponse({ status: HttpStatus.SERVICE_UNAVAILABLE, type: ReadinessResponseDto })
  async ready(@Res({ passthrough: true }) res: Response): Promise<ReadinessResponse> {
    const [database, queue] = await Promise.all([
      this.check('database', () => this.database.ping()),
      this.check('queue', () => this.queue.ping()),
    ]);
    const ok = database === 'up' && queue === 'up';
    res.status(ok ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return { status: ok ? 'ok' : 'unavailable', checks: { database, queue } };
  }

  private async check(name: string, ping: () => Promise<void>): Promise<'up' | 'down'> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
    });
    try {
      await Promise.race([ping(), timeout]);
      return 'up';
    } catch (error) {
      this.logger.warn({ err: error, check: name }, `readiness: ${name} is down`);
      return 'down';
    } finally {
      clearTimeout(timer);
    }
  }
}
