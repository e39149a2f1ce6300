export * from './analytics.module';
export { ConversionService } from './conversion.service';
