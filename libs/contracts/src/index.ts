export * from './error.contract';
export * from './auth.contract';
export * from './segments.contract';
