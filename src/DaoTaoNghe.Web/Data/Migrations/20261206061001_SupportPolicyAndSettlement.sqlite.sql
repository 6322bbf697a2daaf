ALTER TABLE "support_rule_sets" ADD "covered_levels" TEXT NULL;
ALTER TABLE "support_rule_sets" ADD "policy" TEXT NULL;
ALTER TABLE "enrolments" ADD "settled_amount" INTEGER NULL;
ALTER TABLE "enrolments" ADD "settled_on" TEXT NULL;
ALTER TABLE "enrolments" ADD "settlement_list" TEXT NULL;
CREATE INDEX "ix_enrolments_province_id_settled_on" ON "enrolments" ("province_id", "settled_on");
-- A rule set implements the policy it was issued as; QĐ 46/2015/QĐ-TTg covers sơ cấp and under-3-month training (Điều 1).
UPDATE support_rule_sets SET policy = code;
UPDATE support_rule_sets SET covered_levels = 'Elementary,ShortCourse' WHERE code = 'QĐ 46/2015/QĐ-TTg';
