/** API key scopes are part of the access model, defined in @soc/iam and re-exported for callers of the store. */
export { API_KEY_SCOPES, type ApiKeyScope, isApiKeyScope } from '@soc/iam';
