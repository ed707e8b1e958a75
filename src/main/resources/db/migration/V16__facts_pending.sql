-- Customer messages stored in bulk (import, a first sync of old mail) whose facts are still to be read: the
-- server reads them in the background, so a large history does not slow storing down, and nothing is forgotten
-- across a restart.
create table facts_pending (
    message bigint primary key references messages (id) on delete cascade
);
