export {
  type Principal,
  type Authenticator,
  type Credential,
  type DelegatedRead,
  principalFor,
  requirePermission,
  actorOf,
} from './principal';
export { authorize, principalOf, requestActor, DELEGATE_HEADER, type RouteAccess } from './auth-hook';
export { installErrorHandler, ErrorResponse } from './error-handler';
export { createHttpServer, type HttpServerOptions } from './server';
