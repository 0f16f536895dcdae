import { Migration } from '@mikro-orm/migrations';

export class AnnualAssessment extends Migration {
  override name = '013-annual-assessment';

  override up(): void {
    this.addSql(`
      create table assessment (
        id uuid primary key,
        year int not null unique,
        phase text not null check (phase in ('targets', 'midyear', 'appeals', 'published')),
        period_from timestamptz not null,
        targets_due_at timestamptz not null,
        mid_year_at timestamptz not null,
        year_end_at timestamptz not null,
        appeal_window text,
        weights jsonb not null,
        workflow_id text not null unique,
        started_by uuid not null references app_user (id),
        created_at timestamptz not null,
        snapshot_taken_at timestamptz,
        scored_at timestamptz,
        appeal_closes_at timestamptz,
        published_at timestamptz,
        results_filing_seq bigint
      );
      create table assessment_department (
        id uuid primary key,
        assessment_id uuid not null references assessment (id),
        department_id uuid not null references department (id),
        final_score double precision,
        rank int,
        unique (assessment_id, department_id)
      );
      create index assessment_department_department on assessment_department (department_id);
      create table assessment_target (
        id uuid primary key,
        assessment_id uuid not null references assessment (id),
        department_id uuid not null references department (id),
        round int not null,
        areas jsonb not null,
        filed_by uuid not null references app_user (id),
        filed_at timestamptz not null,
        review_outcome text check (review_outcome in ('confirm', 'return')),
        review_comment text,
        reviewed_by uuid references app_user (id),
        reviewed_at timestamptz,
        filing_seq bigint,
        unique (assessment_id, department_id, round)
      );
      create table assessment_snapshot (
        id uuid primary key,
        assessment_id uuid not null references assessment (id),
        department_id uuid not null references department (id),
        period_from timestamptz not null,
        period_to timestamptz not null,
        indicators jsonb not null,
        targets jsonb,
        taken_at timestamptz not null,
        comment text,
        commented_by uuid references app_user (id),
        commented_at timestamptz,
        unique (assessment_id, department_id)
      );
      create table assessment_scorecard (
        id uuid primary key,
        assessment_id uuid not null references assessment (id),
        department_id uuid not null references department (id),
        period_from timestamptz not null,
        period_to timestamptz not null,
        indicators jsonb not null,
        total double precision,
        computed_at timestamptz not null,
        unique (assessment_id, department_id)
      );
      create table assessment_adjustment (
        id uuid primary key,
        assessment_id uuid not null references assessment (id),
        department_id uuid not null references department (id),
        indicator text,
        previous_points double precision,
        points double precision not null,
        reason text not null check (length(trim(reason)) > 0),
        adjusted_by uuid not null references app_user (id),
        created_at timestamptz not null
      );
      create index assessment_adjustment_department on assessment_adjustment (assessment_id, department_id);
      create table assessment_appeal (
        id uuid primary key,
        assessment_id uuid not null references assessment (id),
        department_id uuid not null references department (id),
        reasons text not null,
        filed_by uuid not null references app_user (id),
        filed_at timestamptz not null,
        status text not null check (status in ('pending', 'upheld', 'amended')),
        amended_points double precision,
        decision_comment text,
        decided_by uuid references app_user (id),
        decided_at timestamptz,
        unique (assessment_id, department_id)
      );
    `);
  }

  override down(): void {
    this.addSql(`
      drop table assessment_appeal; drop table assessment_adjustment; drop table assessment_scorecard;
      drop table assessment_snapshot; drop table assessment_target; drop table assessment_department; drop table assessment;
    `);
  }
}
