ALTER TABLE "institution_profiles" ADD "minimum_attendance_percent" INTEGER NULL;
