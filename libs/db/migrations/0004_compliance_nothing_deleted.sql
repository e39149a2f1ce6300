-- Nothing in compliance is ever deleted (RULES.md review workflow): findings change status, reviews and
-- evidence are only ever added (evidence is revoked by setting revoked_at, never removed).
CREATE OR REPLACE FUNCTION compliance_refuse_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is never deleted from: % is not allowed', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER compliance_findings_no_delete BEFORE DELETE ON "compliance_findings" FOR EACH ROW EXECUTE FUNCTION compliance_refuse_delete();
--> statement-breakpoint
CREATE TRIGGER compliance_findings_no_truncate BEFORE TRUNCATE ON "compliance_findings" FOR EACH STATEMENT EXECUTE FUNCTION compliance_refuse_delete();
--> statement-breakpoint
CREATE TRIGGER finding_reviews_no_update_delete BEFORE UPDATE OR DELETE ON "finding_reviews" FOR EACH ROW EXECUTE FUNCTION compliance_refuse_delete();
--> statement-breakpoint
CREATE TRIGGER finding_reviews_no_truncate BEFORE TRUNCATE ON "finding_reviews" FOR EACH STATEMENT EXECUTE FUNCTION compliance_refuse_delete();
--> statement-breakpoint
CREATE TRIGGER sale_evidence_no_delete BEFORE DELETE ON "sale_evidence" FOR EACH ROW EXECUTE FUNCTION compliance_refuse_delete();
