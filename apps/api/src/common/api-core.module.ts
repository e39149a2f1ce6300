import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE, DiscoveryModule } from '@nestjs/core';
import { ZodSerializerInterceptor } from 'nestjs-zod';
import { AuthModule } from '@banca/auth';
import { AllExceptionsFilter } from './all-exceptions.filter';
import { AuthGuard } from './auth.guard';
import { RouteAccessRegistry } from './route-access.registry';
import { ApiValidationPipe } from './zod-validation.pipe';

/** What every route gets: the deny-by-default auth guard, zod validation and serialisation, the error filter. */
@Module({
  imports: [DiscoveryModule, AuthModule],
  providers: [
    RouteAccessRegistry,
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_PIPE, useClass: ApiValidationPipe },
    { provide: APP_INTERCEPTOR, useClass: ZodSerializerInterceptor },
    { provide: APP_FILTER, useClass: AllExceptionsFilter },
  ],
  exports: [RouteAccessRegistry],
})
export class ApiCoreModule {}
