-- a fetched chunk is stored as one file: each message is its range of it (older rows: the whole file)
alter table inbound_message add column raw_offset bigint default 0 not null;
-- storing a chunk reads its ids back by key; the orphan sweep asks which keys rows name
create index inbound_message_raw_key on inbound_message (raw_key);
