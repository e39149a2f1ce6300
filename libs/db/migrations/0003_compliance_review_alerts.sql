CREATE TABLE "compliance_alerts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"dimension" text NOT NULL,
	"dimension_key" text NOT NULL,
	"metric" text NOT NULL,
	"period" date NOT NULL,
	"value" double precision NOT NULL,
	"threshold" double precision NOT NULL,
	"direction" text NOT NULL,
	"sales" integer NOT NULL,
	"rule_version" integer NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"first_detected_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_evaluated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "compliance_scans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reason" text NOT NULL,
	"run_id" uuid,
	"scope" text NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"sales_checked" integer,
	"findings_created" integer,
	"findings_updated" integer,
	"findings_withdrawn" integer
);
--> statement-breakpoint
ALTER TABLE "finding_reviews" ALTER COLUMN "reviewer_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "compliance_findings" ADD COLUMN "sold_at" date NOT NULL;--> statement-breakpoint
ALTER TABLE "compliance_findings" ADD COLUMN "product_code" text NOT NULL;--> statement-breakpoint
ALTER TABLE "compliance_findings" ADD COLUMN "branch_code" text;--> statement-breakpoint
ALTER TABLE "compliance_findings" ADD COLUMN "staff_code" text;--> statement-breakpoint
ALTER TABLE "compliance_findings" ADD COLUMN "campaign_code" text;--> statement-breakpoint
ALTER TABLE "compliance_findings" ADD COLUMN "first_approver_id" uuid;--> statement-breakpoint
ALTER TABLE "compliance_findings" ADD COLUMN "first_approved_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "compliance_findings" ADD COLUMN "decided_by" uuid;--> statement-breakpoint
ALTER TABLE "compliance_findings" ADD COLUMN "decided_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "compliance_findings" ADD COLUMN "cleared_by_evidence_id" uuid;--> statement-breakpoint
ALTER TABLE "compliance_findings" ADD COLUMN "last_scanned_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "finding_reviews" ADD COLUMN "reviewer_role" text;--> statement-breakpoint
ALTER TABLE "finding_reviews" ADD COLUMN "evidence_id" uuid;--> statement-breakpoint
ALTER TABLE "finding_reviews" ADD COLUMN "request_id" text;--> statement-breakpoint
CREATE UNIQUE INDEX "compliance_alerts_uq" ON "compliance_alerts" USING btree ("dimension","dimension_key","metric","period");--> statement-breakpoint
CREATE INDEX "compliance_alerts_status_idx" ON "compliance_alerts" USING btree ("status","first_detected_at");--> statement-breakpoint
CREATE INDEX "compliance_scans_started_idx" ON "compliance_scans" USING btree ("started_at");--> statement-breakpoint
CREATE INDEX "compliance_findings_sold_at_idx" ON "compliance_findings" USING btree ("sold_at");--> statement-breakpoint
CREATE INDEX "compliance_findings_rule_idx" ON "compliance_findings" USING btree ("rule_code","sold_at");--> statement-breakpoint
CREATE INDEX "compliance_findings_branch_idx" ON "compliance_findings" USING btree ("branch_code");--> statement-breakpoint
CREATE INDEX "compliance_findings_id_idx" ON "compliance_findings" USING btree ("id");