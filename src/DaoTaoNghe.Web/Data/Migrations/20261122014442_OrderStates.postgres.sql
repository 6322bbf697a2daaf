ALTER TABLE training_orders ADD state character varying(40) NOT NULL DEFAULT 'Open';
ALTER TABLE training_orders ADD closed_on date;
ALTER TABLE training_orders ADD cancel_reason character varying(500);
