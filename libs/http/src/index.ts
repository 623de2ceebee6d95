export { type Principal, type Authenticator, requireScope } from './principal';
export { authenticate, principalOf } from './auth-hook';
export { installErrorHandler, ErrorResponse } from './error-handler';
export { createHttpServer, type HttpServerOptions } from './server';
