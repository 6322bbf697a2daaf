ALTER TABLE support_rule_sets ADD covered_levels character varying(200);
ALTER TABLE support_rule_sets ADD policy character varying(100);
ALTER TABLE enrolments ADD settled_amount bigint;
ALTER TABLE enrolments ADD settled_on date;
ALTER TABLE enrolments ADD settlement_list character varying(100);
CREATE INDEX ix_enrolments_province_id_settled_on ON enrolments (province_id, settled_on);
-- A rule set implements the policy it was issued as; QĐ 46/2015/QĐ-TTg covers sơ cấp and under-3-month training (Điều 1).
UPDATE support_rule_sets SET policy = code;
UPDATE support_rule_sets SET covered_levels = 'Elementary,ShortCourse' WHERE code = 'QĐ 46/2015/QĐ-TTg';
