-- Spring Modulith's event publication table (its v2 schema for PostgreSQL), made here and not by Modulith's own
-- initializer: two instances starting at once on an empty database both ran its CREATE TABLE IF NOT EXISTS, and
-- one failed on pg_type's unique index. Flyway holds an advisory lock while it migrates, so one instance makes it.
-- IF NOT EXISTS: on a database where Modulith made the table already, this changes nothing.
create table if not exists event_publication (
    id                     uuid not null primary key,
    listener_id            text not null,
    event_type             text not null,
    serialized_event       text not null,
    publication_date       timestamp with time zone not null,
    completion_date        timestamp with time zone,
    status                 text,
    completion_attempts    int,
    last_resubmission_date timestamp with time zone
);
create index if not exists event_publication_serialized_event_hash_idx on event_publication using hash (serialized_event);
create index if not exists event_publication_by_completion_date_idx on event_publication (completion_date);
