ALTER TABLE learner_consents ADD method character varying(40);
ALTER TABLE learner_consents ADD notice_version character varying(20);
