import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { JOB_QUEUE, JobName, type JobContext } from './job.types';
import { ON_JOB_METADATA } from './on-job.decorator';
import { JobRegistryError } from './queue.errors';
import { QUEUE_MODULE_OPTIONS, type ResolvedQueueOptions } from './queue.options';

/** A discovered handler; payloads are checked by the producer's types, not again at run time. */
export type BoundJobHandler = (payload: unknown, context: JobContext) => Promise<unknown>;

interface FoundHandler {
  handler: BoundJobHandler;
  /** `Class.method`, for error messages. */
  source: string;
}

const JOB_NAMES = new Set<string>(Object.values(JobName));

/**
 * Finds every `@OnJob` method of every provider once at module init and checks that each job of the
 * queues this process runs has exactly one handler, so a wiring mistake stops the boot instead of
 * failing jobs later.
 */
@Injectable()
export class JobRegistry implements OnModuleInit {
  private readonly handlers = new Map<JobName, FoundHandler>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    @Inject(QUEUE_MODULE_OPTIONS) private readonly options: ResolvedQueueOptions,
  ) {}

  onModuleInit(): void {
    this.discover();
  }

  /** Jobs with a handler in this process. */
  names(): JobName[] {
    return [...this.handlers.keys()];
  }

  get(name: JobName): BoundJobHandler {
    const found = this.handlers.get(name);
    if (!found) throw new JobRegistryError([`no handler for job "${name}" in this process`]);
    return found.handler;
  }

  private discover(): void {
    const found = new Map<JobName, FoundHandler[]>();
    const problems: string[] = [];
    const seen = new Set<object>();
    for (const wrapper of this.discovery.getProviders()) {
      const instance: unknown = wrapper.instance;
      const classPrototype: unknown = isObject(instance)
        ? Object.getPrototypeOf(instance)
        : wrapper.metatype && 'prototype' in wrapper.metatype
          ? wrapper.metatype.prototype
          : undefined;
      if (!isObject(classPrototype)) continue;
      const identity = isObject(instance) ? instance : classPrototype;
      // an alias (useExisting) shows the same instance twice; it is still one handler
      if (seen.has(identity)) continue;
      seen.add(identity);
      const jobMethods = this.jobMethods(classPrototype);
      if (jobMethods.length === 0) continue;
      const className = classPrototype.constructor?.name ?? String(wrapper.name);
      if (!wrapper.isDependencyTreeStatic() || wrapper.isTransient) {
        problems.push(`${className} has @OnJob methods but is not a singleton provider; job handlers must be`);
        continue;
      }
      for (const { method, job, fn } of jobMethods) {
        const source = `${className}.${method}`;
        if (!JOB_NAMES.has(job)) {
          problems.push(`${source} is decorated with @OnJob("${job}"), which is not a JobName`);
          continue;
        }
        const handler: BoundJobHandler = async (payload, context) => fn.call(identity, payload, context);
        const list = found.get(job as JobName) ?? [];
        list.push({ handler, source });
        found.set(job as JobName, list);
      }
    }
    for (const [job, list] of found) {
      if (list.length > 1) {
        problems.push(`job "${job}" has ${list.length} handlers (${list.map((h) => h.source).join(', ')}); a job must have exactly one`);
      }
    }
    for (const job of this.options.requiredJobs) {
      if (!found.has(job)) {
        problems.push(
          `no handler for job "${job}" (queue "${JOB_QUEUE[job]}"): import the module whose service has @OnJob(JobName) for it`,
        );
      }
    }
    if (problems.length > 0) throw new JobRegistryError(problems);
    this.handlers.clear();
    for (const [job, [first]] of found) if (first) this.handlers.set(job, first);
  }

  private jobMethods(prototype: object): { method: string; job: string; fn: (...args: unknown[]) => unknown }[] {
    const result: { method: string; job: string; fn: (...args: unknown[]) => unknown }[] = [];
    for (const method of this.scanner.getAllMethodNames(prototype)) {
      const fn: unknown = Reflect.get(prototype, method);
      if (typeof fn !== 'function') continue;
      const job = this.reflector.get<string | undefined>(ON_JOB_METADATA, fn);
      if (job !== undefined) result.push({ method, job, fn: fn as (...args: unknown[]) => unknown });
    }
    return result;
  }
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}
