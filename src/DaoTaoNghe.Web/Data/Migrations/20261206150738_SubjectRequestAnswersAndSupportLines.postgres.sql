ALTER TABLE subject_requests ADD answer_note character varying(2000);
ALTER TABLE subject_requests ADD answered_on date;
ALTER TABLE enrolments ADD support_derivation_without_group character varying(4000) NOT NULL DEFAULT '';
-- The reasoning already stored: the lines the calculator now marks as naming no group are the second line
-- of a refusal (a course outside the levels of the policy, support paid before) or the only line before the
-- total (no policy in force, a self-funded course).
UPDATE enrolments SET support_derivation_without_group = split_part(support_derivation, E'\n', 2)
WHERE support_derivation LIKE 'Áp dụng %' AND (split_part(support_derivation, E'\n', 2) LIKE 'Khóa học trình độ %'
    OR split_part(support_derivation, E'\n', 2) LIKE 'Người học đã được hỗ trợ %');
UPDATE enrolments SET support_derivation_without_group = split_part(support_derivation, E'\n', 1)
WHERE support_derivation LIKE 'Không có chính sách hỗ trợ nào có hiệu lực %' OR support_derivation LIKE 'Lớp tự chủ kinh phí, %';
