ALTER TABLE "subject_requests" ADD "answer_note" TEXT NULL;
ALTER TABLE "subject_requests" ADD "answered_on" TEXT NULL;
ALTER TABLE "enrolments" ADD "support_derivation_without_group" TEXT NOT NULL DEFAULT '';
-- The reasoning already stored: the lines the calculator now marks as naming no group are the second line
-- of a refusal (a course outside the levels of the policy, support paid before) or the only line before the
-- total (no policy in force, a self-funded course).
UPDATE "enrolments" SET "support_derivation_without_group" =
    substr("support_derivation", instr("support_derivation", char(10)) + 1,
        instr(substr("support_derivation", instr("support_derivation", char(10)) + 1), char(10)) - 1)
WHERE "support_derivation" LIKE 'Áp dụng %' AND (
    substr("support_derivation", instr("support_derivation", char(10)) + 1) LIKE 'Khóa học trình độ %'
    OR substr("support_derivation", instr("support_derivation", char(10)) + 1) LIKE 'Người học đã được hỗ trợ %');
UPDATE "enrolments" SET "support_derivation_without_group" = substr("support_derivation", 1, instr("support_derivation", char(10)) - 1)
WHERE "support_derivation" LIKE 'Không có chính sách hỗ trợ nào có hiệu lực %' OR "support_derivation" LIKE 'Lớp tự chủ kinh phí, %';
