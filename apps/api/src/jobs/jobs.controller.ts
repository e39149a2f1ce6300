import { Body, Controller, Get, HttpCode, HttpStatus, Inject, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import {
  jobIdSchema,
  parseInput,
  pingJobRequestSchema,
  type EnqueuedJobResponse,
  type JobStatusResponse,
} from '@banca/contracts';
import { NotFoundError } from '@banca/domain';
import { JOB_QUEUE_TOKEN, JobName, type JobQueue } from '@banca/queue';
import { Roles } from '../common/auth.decorators';
import { EnqueuedJobResponseDto, JobStatusResponseDto, PingJobRequestDto } from './jobs.dto';

/** Job status for operators, and the ping round trip that proves a worker is taking jobs (under the api/v1 prefix). */
@ApiTags('jobs')
@Controller('jobs')
export class JobsController {
  constructor(@Inject(JOB_QUEUE_TOKEN) private readonly queue: JobQueue) {}

  @Post('ping')
  @Roles('admin')
  @HttpCode(HttpStatus.ACCEPTED)
  @ZodResponse({ status: HttpStatus.ACCEPTED, type: EnqueuedJobResponseDto })
  async ping(@Body() body: PingJobRequestDto): Promise<EnqueuedJobResponse> {
    const request = parseInput(pingJobRequestSchema, body, 'ping job');
    return { jobId: await this.queue.enqueue(JobName.Ping, request) };
  }

  @Get(':id')
  @Roles('admin')
  @ZodResponse({ type: JobStatusResponseDto })
  async status(@Param('id') rawId: string): Promise<JobStatusResponse> {
    const id = parseInput(jobIdSchema, rawId, 'job id');
    const status = await this.queue.getJob(id);
    if (!status) throw new NotFoundError(`Job ${id} not found`, { jobId: id });
    return status;
  }
}
