-- tables of the kit's test application only
CREATE TABLE kit_test_notes (
    id   uuid PRIMARY KEY,
    text varchar(500) NOT NULL
);
