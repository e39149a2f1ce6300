CREATE TABLE "campaign_figures" (
	"campaign_code" text NOT NULL,
	"dimension" text NOT NULL,
	"key" text NOT NULL,
	"arm" text NOT NULL,
	"customers" integer DEFAULT 0 NOT NULL,
	"contacted" integer DEFAULT 0 NOT NULL,
	"responded" integer DEFAULT 0 NOT NULL,
	"redeemed" integer DEFAULT 0 NOT NULL,
	"opted_out" integer DEFAULT 0 NOT NULL,
	"converted" integer DEFAULT 0 NOT NULL,
	"sales" integer DEFAULT 0 NOT NULL,
	"premium" numeric(18, 2) DEFAULT 0 NOT NULL,
	"fee_income" numeric(18, 2) DEFAULT 0 NOT NULL,
	"cooling_off_cancelled" integer DEFAULT 0 NOT NULL,
	"surrendered" integer DEFAULT 0 NOT NULL,
	"persistency_due" integer DEFAULT 0 NOT NULL,
	"persistency_active" integer DEFAULT 0 NOT NULL,
	"persistency_due_premium" numeric(18, 2) DEFAULT 0 NOT NULL,
	"persistency_active_premium" numeric(18, 2) DEFAULT 0 NOT NULL,
	"complaints" integer DEFAULT 0 NOT NULL,
	"mis_selling_complaints" integer DEFAULT 0 NOT NULL,
	"aum_customers" integer DEFAULT 0 NOT NULL,
	"aum_start" numeric(18, 2) DEFAULT 0 NOT NULL,
	"aum_end" numeric(18, 2) DEFAULT 0 NOT NULL,
	"held_before" integer DEFAULT 0 NOT NULL,
	"held_after" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "campaign_figures_campaign_code_dimension_key_arm_pk" PRIMARY KEY("campaign_code","dimension","key","arm")
);
--> statement-breakpoint
CREATE TABLE "campaign_figures_by_period" (
	"campaign_code" text NOT NULL,
	"grain" text NOT NULL,
	"period" date NOT NULL,
	"dimension" text NOT NULL,
	"key" text NOT NULL,
	"arm" text NOT NULL,
	"contacted" integer DEFAULT 0 NOT NULL,
	"responded" integer DEFAULT 0 NOT NULL,
	"converted" integer DEFAULT 0 NOT NULL,
	"sales" integer DEFAULT 0 NOT NULL,
	"premium" numeric(18, 2) DEFAULT 0 NOT NULL,
	"fee_income" numeric(18, 2) DEFAULT 0 NOT NULL,
	"complaints" integer DEFAULT 0 NOT NULL,
	"cooling_off_cancelled" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "campaign_figures_by_period_campaign_code_grain_period_dimension_key_arm_pk" PRIMARY KEY("campaign_code","grain","period","dimension","key","arm")
);
--> statement-breakpoint
CREATE TABLE "campaign_member_facts" (
	"campaign_code" text NOT NULL,
	"customer_id" text NOT NULL,
	"arm" text NOT NULL,
	"tier" text,
	"branch_code" text,
	"region" text,
	"contacted_on" date,
	"responded_on" date,
	"redeemed_on" date,
	"opted_out_on" date,
	"first_converted_on" date,
	"convert_channel" text,
	"convert_staff" text,
	"convert_product" text,
	"sales" integer DEFAULT 0 NOT NULL,
	"premium" numeric(18, 2) DEFAULT 0 NOT NULL,
	"fee_income" numeric(18, 2) DEFAULT 0 NOT NULL,
	"cooling_off_cancelled" integer DEFAULT 0 NOT NULL,
	"surrendered" integer DEFAULT 0 NOT NULL,
	"persistency_due" integer DEFAULT 0 NOT NULL,
	"persistency_active" integer DEFAULT 0 NOT NULL,
	"persistency_due_premium" numeric(18, 2) DEFAULT 0 NOT NULL,
	"persistency_active_premium" numeric(18, 2) DEFAULT 0 NOT NULL,
	"complaints" integer DEFAULT 0 NOT NULL,
	"mis_selling_complaints" integer DEFAULT 0 NOT NULL,
	"aum_start" numeric(18, 2),
	"aum_end" numeric(18, 2),
	"held_before" boolean DEFAULT false NOT NULL,
	"held_after" boolean DEFAULT false NOT NULL,
	CONSTRAINT "campaign_member_facts_campaign_code_customer_id_pk" PRIMARY KEY("campaign_code","customer_id")
);
--> statement-breakpoint
CREATE TABLE "campaign_retention_curve" (
	"campaign_code" text NOT NULL,
	"kind" text NOT NULL,
	"arm" text NOT NULL,
	"month" integer NOT NULL,
	"base" integer NOT NULL,
	"retained" integer NOT NULL,
	"base_amount" numeric(18, 2) NOT NULL,
	"retained_amount" numeric(18, 2) NOT NULL,
	CONSTRAINT "campaign_retention_curve_campaign_code_kind_arm_month_pk" PRIMARY KEY("campaign_code","kind","arm","month")
);
--> statement-breakpoint
CREATE TABLE "campaign_rollup_state" (
	"campaign_code" text PRIMARY KEY NOT NULL,
	"refreshed_at" timestamp with time zone NOT NULL,
	"reason" text NOT NULL,
	"duration_ms" integer NOT NULL,
	"members" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "campaign_spend" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"campaign_code" text NOT NULL,
	"line" text NOT NULL,
	"amount" numeric(18, 2) NOT NULL,
	"spent_on" date NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "audience_members" ADD COLUMN "exclusion_detail" jsonb;--> statement-breakpoint
ALTER TABLE "audience_members" ADD COLUMN "tier" text;--> statement-breakpoint
ALTER TABLE "audience_members" ADD COLUMN "branch_code" text;--> statement-breakpoint
ALTER TABLE "audience_members" ADD COLUMN "region" text;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "description" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "completed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "cancelled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "cancel_reason" text;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "audience_status" text DEFAULT 'none' NOT NULL;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "audience_job_id" text;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "audience_built_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "audience_decided_on" date;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "audience_counts" jsonb;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "audience_error" text;--> statement-breakpoint
CREATE INDEX "campaign_member_facts_arm_idx" ON "campaign_member_facts" USING btree ("campaign_code","arm");--> statement-breakpoint
CREATE INDEX "campaign_spend_campaign_idx" ON "campaign_spend" USING btree ("campaign_code");