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
  /** A document of a confidential resource (its catalog entry, review decision, or a sharing request's) was read. */
  'confidential_document_read',
  /** A catalog export held confidential resources. */
  'confidential_export',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_READERS = ['info_office', 'secrecy_bureau'] as const;
