CREATE TABLE "api_tokens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"role" text NOT NULL,
	"token_hash" text NOT NULL,
	"prefix" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "api_tokens_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" uuid,
	"actor_role" text,
	"action" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text,
	"before" jsonb,
	"after" jsonb,
	"request_id" text
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "sessions_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"username" text NOT NULL,
	"display_name" text NOT NULL,
	"role" text NOT NULL,
	"password_hash" text NOT NULL,
	"disabled_at" timestamp with time zone,
	"last_login_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_username_unique" UNIQUE("username")
);
--> statement-breakpoint
CREATE TABLE "audience_members" (
	"customer_id" text NOT NULL,
	"campaign_code" text NOT NULL,
	"group" text NOT NULL,
	"exclusion_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "audience_members_customer_id_campaign_code_pk" PRIMARY KEY("customer_id","campaign_code")
);
--> statement-breakpoint
CREATE TABLE "campaigns" (
	"campaign_code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"origin" text DEFAULT 'platform' NOT NULL,
	"bank_partner" text,
	"insurer_partner" text,
	"status" text DEFAULT 'draft' NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"attribution_days" integer DEFAULT 30 NOT NULL,
	"target" jsonb,
	"product_codes" text[] DEFAULT '{}' NOT NULL,
	"offer" jsonb,
	"channels" text[] DEFAULT '{}' NOT NULL,
	"budget" numeric(18, 2),
	"budget_lines" jsonb,
	"goal" jsonb,
	"holdout_share" numeric(7, 6) DEFAULT 0.1 NOT NULL,
	"contact_policy" jsonb,
	"launched_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "compliance_findings" (
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"customer_id" text NOT NULL,
	"sale_id" text NOT NULL,
	"rule_code" text NOT NULL,
	"rule_version" integer NOT NULL,
	"severity" text NOT NULL,
	"facts" jsonb NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "compliance_findings_customer_id_id_pk" PRIMARY KEY("customer_id","id")
);
--> statement-breakpoint
CREATE TABLE "compliance_rule_sets" (
	"version" serial PRIMARY KEY NOT NULL,
	"settings" jsonb NOT NULL,
	"effective_from" date NOT NULL,
	"note" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "finding_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"finding_id" uuid NOT NULL,
	"customer_id" text NOT NULL,
	"reviewer_id" uuid NOT NULL,
	"from_status" text NOT NULL,
	"to_status" text NOT NULL,
	"reason" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sale_evidence" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"customer_id" text NOT NULL,
	"sale_id" text NOT NULL,
	"kind" text NOT NULL,
	"reference" text NOT NULL,
	"clears" text[] DEFAULT '{}' NOT NULL,
	"added_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "customer_snapshots" (
	"customer_id" text NOT NULL,
	"as_of" date NOT NULL,
	"birth_date" date,
	"birth_year" integer,
	"gender" text,
	"region" text,
	"branch_code" text,
	"monthly_income" numeric(18, 2),
	"household_annual_income" numeric(18, 2),
	"investable_assets" numeric(18, 2),
	"deposit_balance" numeric(18, 2),
	"wealth_balance" numeric(18, 2),
	"payroll" boolean,
	"has_mortgage" boolean,
	"mortgage_balance" numeric(18, 2),
	"card_spend_12m" numeric(18, 2),
	"risk_level" text,
	"risk_assessed_at" date,
	"consent_marketing" boolean,
	"consent_data_sharing" boolean,
	"source_run_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "customer_snapshots_customer_id_as_of_pk" PRIMARY KEY("customer_id","as_of")
);
--> statement-breakpoint
CREATE TABLE "customers" (
	"customer_id" text PRIMARY KEY NOT NULL,
	"birth_date" date,
	"birth_year" integer,
	"gender" text,
	"region" text,
	"branch_code" text,
	"monthly_income" numeric(18, 2),
	"household_annual_income" numeric(18, 2),
	"investable_assets" numeric(18, 2),
	"deposit_balance" numeric(18, 2),
	"wealth_balance" numeric(18, 2),
	"payroll" boolean,
	"has_mortgage" boolean,
	"mortgage_balance" numeric(18, 2),
	"card_spend_12m" numeric(18, 2),
	"risk_level" text,
	"risk_assessed_at" date,
	"consent_marketing" boolean,
	"consent_data_sharing" boolean,
	"as_of" date NOT NULL,
	"source_run_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ingestion_rejects" (
	"run_id" uuid NOT NULL,
	"line" integer NOT NULL,
	"field" text NOT NULL,
	"value" text,
	"reason" text NOT NULL,
	CONSTRAINT "ingestion_rejects_run_id_line_field_pk" PRIMARY KEY("run_id","line","field")
);
--> statement-breakpoint
CREATE TABLE "ingestion_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"entity" text NOT NULL,
	"file_name" text NOT NULL,
	"format" text,
	"encoding" text,
	"mapping" jsonb,
	"pseudonymized" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"job_id" text,
	"rows_read" integer DEFAULT 0 NOT NULL,
	"rows_inserted" integer DEFAULT 0 NOT NULL,
	"rows_updated" integer DEFAULT 0 NOT NULL,
	"rows_unchanged" integer DEFAULT 0 NOT NULL,
	"rows_rejected" integer DEFAULT 0 NOT NULL,
	"bytes_total" bigint,
	"bytes_read" bigint DEFAULT 0 NOT NULL,
	"ignored_columns" text[] DEFAULT '{}' NOT NULL,
	"error" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "branches" (
	"branch_code" text PRIMARY KEY NOT NULL,
	"name" text,
	"region" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "product_risk_ratings" (
	"product_code" text NOT NULL,
	"rated_by" text NOT NULL,
	"risk_level" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "product_risk_ratings_product_code_rated_by_pk" PRIMARY KEY("product_code","rated_by")
);
--> statement-breakpoint
CREATE TABLE "products" (
	"product_code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"provider" text NOT NULL,
	"category" text NOT NULL,
	"risk_level" text NOT NULL,
	"premium_mode" text,
	"term_years" integer,
	"cooling_off_days" integer DEFAULT 15 NOT NULL,
	"fee_rate" numeric(7, 6),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "staff" (
	"staff_code" text PRIMARY KEY NOT NULL,
	"name" text,
	"branch_code" text,
	"region" text,
	"qualified_until" date,
	"qualified_since" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "campaign_events" (
	"customer_id" text NOT NULL,
	"campaign_code" text NOT NULL,
	"event" text NOT NULL,
	"occurred_at" date NOT NULL,
	"channel" text,
	"group" text,
	"source_run_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "campaign_events_customer_id_campaign_code_event_occurred_at_pk" PRIMARY KEY("customer_id","campaign_code","event","occurred_at")
);
--> statement-breakpoint
CREATE TABLE "complaints" (
	"customer_id" text NOT NULL,
	"complaint_id" text NOT NULL,
	"received_at" date NOT NULL,
	"category" text,
	"sale_id" text,
	"campaign_code" text,
	"channel" text,
	"resolved_at" date,
	"upheld" boolean,
	"source_run_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "complaints_customer_id_complaint_id_pk" PRIMARY KEY("customer_id","complaint_id")
);
--> statement-breakpoint
CREATE TABLE "sales" (
	"customer_id" text NOT NULL,
	"sale_id" text NOT NULL,
	"product_code" text NOT NULL,
	"sold_at" date NOT NULL,
	"amount" numeric(18, 2) NOT NULL,
	"currency" text DEFAULT 'CNY' NOT NULL,
	"premium_mode" text,
	"channel" text,
	"branch_code" text,
	"staff_code" text,
	"campaign_code" text,
	"customer_risk_level_at_sale" text,
	"dual_recording" boolean,
	"status" text DEFAULT 'active' NOT NULL,
	"status_at" date,
	"renewed_at" date,
	"source_run_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sales_customer_id_sale_id_pk" PRIMARY KEY("customer_id","sale_id")
);
--> statement-breakpoint
CREATE TABLE "customer_tiers" (
	"customer_id" text PRIMARY KEY NOT NULL,
	"tier" text NOT NULL,
	"rule_version" integer NOT NULL,
	"as_of" date NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "segments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"rule" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tier_history" (
	"customer_id" text NOT NULL,
	"as_of" date NOT NULL,
	"tier" text NOT NULL,
	"rule_version" integer NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tier_history_customer_id_as_of_pk" PRIMARY KEY("customer_id","as_of")
);
--> statement-breakpoint
CREATE TABLE "tier_rule_sets" (
	"version" serial PRIMARY KEY NOT NULL,
	"thresholds" jsonb NOT NULL,
	"effective_from" date NOT NULL,
	"note" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "audit_log_at_idx" ON "audit_log" USING btree ("at");--> statement-breakpoint
CREATE INDEX "audit_log_entity_idx" ON "audit_log" USING btree ("entity_type","entity_id");--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "audience_members_campaign_idx" ON "audience_members" USING btree ("campaign_code","group");--> statement-breakpoint
CREATE INDEX "campaigns_status_idx" ON "campaigns" USING btree ("status");--> statement-breakpoint
CREATE UNIQUE INDEX "compliance_findings_sale_rule_uq" ON "compliance_findings" USING btree ("customer_id","sale_id","rule_code");--> statement-breakpoint
CREATE INDEX "compliance_findings_status_idx" ON "compliance_findings" USING btree ("status","severity");--> statement-breakpoint
CREATE INDEX "finding_reviews_finding_idx" ON "finding_reviews" USING btree ("finding_id");--> statement-breakpoint
CREATE INDEX "sale_evidence_sale_idx" ON "sale_evidence" USING btree ("customer_id","sale_id");--> statement-breakpoint
CREATE INDEX "customer_snapshots_as_of_idx" ON "customer_snapshots" USING btree ("as_of");--> statement-breakpoint
CREATE INDEX "customers_branch_idx" ON "customers" USING btree ("branch_code");--> statement-breakpoint
CREATE INDEX "customers_region_idx" ON "customers" USING btree ("region");--> statement-breakpoint
CREATE INDEX "ingestion_runs_created_idx" ON "ingestion_runs" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "staff_branch_idx" ON "staff" USING btree ("branch_code");--> statement-breakpoint
CREATE INDEX "campaign_events_campaign_idx" ON "campaign_events" USING btree ("campaign_code","event","occurred_at");--> statement-breakpoint
CREATE INDEX "complaints_received_idx" ON "complaints" USING btree ("received_at");--> statement-breakpoint
CREATE INDEX "complaints_sale_idx" ON "complaints" USING btree ("sale_id");--> statement-breakpoint
CREATE INDEX "sales_sale_id_idx" ON "sales" USING btree ("sale_id");--> statement-breakpoint
CREATE INDEX "sales_product_sold_idx" ON "sales" USING btree ("product_code","sold_at");--> statement-breakpoint
CREATE INDEX "sales_sold_at_idx" ON "sales" USING btree ("sold_at");--> statement-breakpoint
CREATE INDEX "sales_branch_idx" ON "sales" USING btree ("branch_code");--> statement-breakpoint
CREATE INDEX "sales_staff_idx" ON "sales" USING btree ("staff_code");--> statement-breakpoint
CREATE INDEX "customer_tiers_tier_idx" ON "customer_tiers" USING btree ("tier");--> statement-breakpoint
CREATE INDEX "tier_history_as_of_idx" ON "tier_history" USING btree ("as_of","tier");