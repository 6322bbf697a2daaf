CREATE TABLE national_person_counts (
    computation character varying(64) NOT NULL,
    year integer NOT NULL,
    persons bigint,
    counted_at timestamp with time zone,
    seconds double precision,
    asked_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_national_person_counts PRIMARY KEY (computation, year)
);
