export * from './auth.module';
export * from './auth.service';
export * from './user.service';
export * from './api-token.service';
export * from './demo-users.service';
export { API_TOKEN_PREFIX, SESSION_TOKEN_PREFIX } from './opaque-token.util';
