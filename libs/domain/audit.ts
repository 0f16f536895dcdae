/** What the audit log records. Append-only; read by the info office and the secrecy bureau. */
export const AUDIT_ACTIONS = [
  'login',
  'login_failed',
  'lockout',
  'user_created',
  'user_disabled',
  'user_enabled',
  'user_roles_changed',
  'user_password_reset',
  'password_changed',
  /** A document of a sharing request for a confidential resource was read or downloaded. */
  'confidential_document_read',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_READERS = ['info_office', 'secrecy_bureau'] as const;
