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
export { installRouteGuard, routeCatalog, type RouteEntry } from './route-catalog';
export { createHttpServer, type HttpServerOptions } from './server';
