import type { EntityManager } from '@mikro-orm/postgresql';
import { executeBound } from '../database/bound-query.js';

/**
 * Where attachment bytes live, keyed by the sha-256 of their content (the same file is stored once, and a
 * key names exactly one content). PostgreSQL (`attachment_blob`, bytea) is the default and the only one
 * implemented. An S3-compatible store would implement the same two calls with the key as object name
 * (`put` = PutObject with If-None-Match: *, `get` = GetObject); verification re-hashes whatever `get`
 * returns, so a changed object is detected the same way. It is not configurable yet.
 */
export interface AttachmentStore {
  /** Stores the bytes under their hash, inside the caller's transaction where the store has one; idempotent. */
  put(tx: EntityManager, blob: { sha256: string; content: Buffer; mediaType: string }): Promise<void>;
  /** The stored bytes, as stored now (they are not checked here), or null. */
  get(em: EntityManager, sha256: string): Promise<Buffer | null>;
}

export const postgresAttachmentStore: AttachmentStore = {
  async put(tx, blob) {
    // Bound server-side: em.execute would inline the bytes into the SQL text.
    await executeBound(
      tx,
      'insert into attachment_blob (sha256, content, size, media_type) values ($1, $2, $3, $4) on conflict (sha256) do nothing',
      [blob.sha256, blob.content, blob.content.length, blob.mediaType],
    );
  },
  async get(em, sha256) {
    const [row] = await em.execute<{ content: Buffer }[]>('select content from attachment_blob where sha256 = ?', [sha256]);
    return row ? Buffer.from(row.content) : null;
  },
};
