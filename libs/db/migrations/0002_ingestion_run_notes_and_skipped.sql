ALTER TABLE "ingestion_runs" ADD COLUMN "rows_skipped" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "ingestion_runs" ADD COLUMN "notes" text[] DEFAULT '{}' NOT NULL;