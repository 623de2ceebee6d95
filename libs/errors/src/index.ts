export { SocError, isSocError } from './soc-error';
export {
  ErrorCodes,
  type ErrorCode,
  configInvalid,
  unauthenticated,
  forbidden,
  notFound,
  validation,
  payloadTooLarge,
  unsupportedMediaType,
  overloaded,
  unavailable,
  queryInvalid,
} from './catalog';
