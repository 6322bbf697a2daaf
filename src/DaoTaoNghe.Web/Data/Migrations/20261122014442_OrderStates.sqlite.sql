ALTER TABLE "training_orders" ADD "state" TEXT NOT NULL DEFAULT 'Open';
ALTER TABLE "training_orders" ADD "closed_on" TEXT NULL;
ALTER TABLE "training_orders" ADD "cancel_reason" TEXT NULL;
