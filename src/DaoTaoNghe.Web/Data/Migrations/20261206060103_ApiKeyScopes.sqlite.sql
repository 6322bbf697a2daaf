ALTER TABLE "api_keys" ADD "expires_at" TEXT NULL;
ALTER TABLE "api_keys" ADD "first_used_at" TEXT NULL;
ALTER TABLE "api_keys" ADD "first_used_from" TEXT NULL;
ALTER TABLE "api_keys" ADD "last_used_from" TEXT NULL;
ALTER TABLE "api_keys" ADD "scope" TEXT NOT NULL DEFAULT 'ReadWrite';
