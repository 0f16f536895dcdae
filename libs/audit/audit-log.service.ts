import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal.js';
import { AuditEntry } from '../database/entities/index.js';
import type { AuditAction } from '../domain/audit.js';

export interface NewAuditEntry {
  action: AuditAction;
  actorId?: string | null;
  username?: string | null;
  address?: string | null;
  subjectType?: string;
  subjectId?: string;
  details?: Record<string, unknown>;
}

export interface AuditQuery {
  limit: number;
  offset: number;
  action?: AuditAction;
  username?: string;
  subjectId?: string;
}

/** The append-only audit log: entries are added with the change they record (same flush) and never altered. */
@Injectable()
export class AuditLog {
  constructor(private readonly em: EntityManager) {}

  /** Adds the entry to the unit of work: it is written by the caller's flush, in the transaction of its change. */
  add(em: EntityManager, entry: NewAuditEntry): AuditEntry {
    return em.create(AuditEntry, { ...entry, details: entry.details ?? {} });
  }

  /** Writes the entry at once (a login attempt, which changes nothing else). */
  async record(entry: NewAuditEntry): Promise<void> {
    const em = this.em.fork();
    this.add(em, entry);
    await em.flush();
  }

  /** Who read or exported what of a confidential resource: the actor, the subject, and what was read (document, format). */
  confidentialRead(
    actor: Principal,
    action: Extract<AuditAction, 'confidential_document_read' | 'confidential_export'>,
    subject: { type: string; id: string },
    details: Record<string, unknown>,
  ): Promise<void> {
    return this.record({ action, actorId: actor.id, username: actor.username, subjectType: subject.type, subjectId: subject.id, details });
  }

  async page(query: AuditQuery): Promise<{ items: AuditEntry[]; total: number }> {
    const { limit, offset, ...filters } = query;
    const where = Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== undefined));
    const [items, total] = await this.em.fork().findAndCount(AuditEntry, where, { orderBy: { seq: 'desc' }, limit, offset });
    return { items, total };
  }
}
