/**
 * True when `value` is an email address OCSF's `email_t` accepts. Identity providers put
 * UPNs, service principal names and bare user names in the same field; only real
 * addresses may go to `email_addr`.
 */
export function isEmail(value: string | undefined): value is string {
  return value !== undefined && /^[a-zA-Z0-9!#$%&'*+\-/=?^_`{|}~.]+@[a-zA-Z0-9-]+\.[a-zA-Z0-9-.]+$/.test(value);
}
