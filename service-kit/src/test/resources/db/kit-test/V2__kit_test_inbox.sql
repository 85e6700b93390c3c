-- Outbox/inbox tests only: what the test consumer's effects change, so a test can prove an event
-- was applied exactly once (io.vtp.kit.inbox.KitTestConsumer).
CREATE TABLE kit_test_counters (
    name varchar(200) PRIMARY KEY,
    n    integer      NOT NULL
);
