CREATE TABLE note (
    id   BIGINT PRIMARY KEY,
    text VARCHAR(200)
);
